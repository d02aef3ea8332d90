# Two-factor authentication and passkeys (issue #10): messages and pages.
# Arguments in messages: $sender (the shop's name), $code, $factor (a method's name),
# $left (recovery codes left), $when, $place, $device.

## Method names (as messages name a factor)
message-method-totp = authenticator app
message-method-recovery_codes = recovery codes

## The code of a sign-in's second step
message-second-factor-code-subject = Your { $sender } verification code
message-second-factor-code-heading = Confirm it's you
message-second-factor-code-intro = Your password was entered correctly. To finish signing in to { $sender }, enter this code:
message-second-factor-code-ignore = If this wasn't you, someone knows your password: change it now. Nobody can sign in without this code.
message-second-factor-code-sms = { $code } is your { $sender } verification code. It expires in 15 minutes. Never share it.

## The right password, then a wrong second factor
message-second-factor-failed-subject = Someone entered your { $sender } password
message-second-factor-failed-heading = Was this you?
message-second-factor-failed-body = Someone entered your password correctly but failed the second step of signing in to { $sender }.
message-second-factor-failed-details = When: { $when }. From: { $place }. Device: { $device }.
message-second-factor-failed-advice = If this wasn't you, change your password now: your second factor stopped them, but they know your password.
message-second-factor-failed-sms = Someone entered your { $sender } password but failed the second step. If it wasn't you, change your password now.

## A recovery code was used
message-recovery-code-used-subject = A recovery code was used on your { $sender } account
message-recovery-code-used-heading = A recovery code was used
message-recovery-code-used-body = One of your recovery codes was just used to sign in to { $sender }. Each code works only once.
message-recovery-code-used-left = Codes left: { $left }. You can make a new set in your account's security settings.
message-recovery-code-used-not-you = If this wasn't you, change your password and make new recovery codes now.
message-recovery-code-used-sms = A { $sender } recovery code was just used to sign in. Codes left: { $left }. Not you? Change your password now.

## A second factor or passkey was added or removed
message-factor-added-subject = A sign-in method was added to your { $sender } account
message-factor-added-heading = A sign-in method was added
message-factor-added-body = This was added to your { $sender } account: { $factor }.
message-factor-added-not-you = If this wasn't you, sign in and remove it, then change your password.
message-factor-added-sms = { $factor } was added to your { $sender } account. Not you? Sign in and remove it.
message-factor-removed-subject = A sign-in method was removed from your { $sender } account
message-factor-removed-heading = A sign-in method was removed
message-factor-removed-body = This was removed from your { $sender } account: { $factor }.
message-factor-removed-not-you = If this wasn't you, sign in, change your password and set it up again.
message-factor-removed-sms = { $factor } was removed from your { $sender } account. Not you? Change your password now.

## Pages
# Arguments in pages: $days (how long a device is remembered), $count, $minutes.

## Sign-in: passkeys first
passkey-signin-button = Sign in with a passkey
passkey-signin-or = or
passkey-signin-failed = That passkey did not work. Try again, or sign in another way.

## The second step of a sign-in (/login/mfa)
mfa-page-title = Confirm it's you
mfa-page-intro = Your password was right. Finish signing in with one of these.
mfa-passkey-heading = Passkey
mfa-passkey-button = Use a passkey
mfa-totp-heading = Authenticator app
mfa-totp-label = Code from your authenticator app
mfa-totp-help = Open the app and enter the 6-digit code it shows for this account.
mfa-remember-label = Remember this device for { $days } days
mfa-remember-help = Leave this unticked on a shared or public computer.
mfa-submit = Continue
mfa-send-heading = Get a code by message
mfa-send-sms-button = Text a code to my phone
mfa-send-email-button = Email me a code
mfa-sent-sms = We sent a code to your phone. It expires in 15 minutes.
mfa-sent-email = We sent a code to your email address. It expires in 15 minutes.
mfa-code-label = Code from the message
mfa-code-help = Enter the 6-digit code we sent you.
mfa-recovery-summary = Lost your phone? Use a recovery code
mfa-recovery-label = Recovery code
mfa-recovery-help = One of the codes you saved when you turned on two-factor authentication. Each one works once.
mfa-code-missing = Enter the code.
mfa-start-over = Start signing in again

## Security settings: second factors, passkeys, remembered devices
security-mfa-title = Two-factor authentication
security-mfa-intro = A second step after your password keeps your account safe even if someone learns the password.
totp-section-title = Authenticator app
totp-state-on = On: signing in asks for a code from your authenticator app.
totp-state-off = Off: no authenticator app is set up.
totp-setup-link = Set up an authenticator app
totp-remove-button = Remove the authenticator app
totp-added-notice = Your authenticator app is set up. Signing in now asks for its code.
totp-removed-notice = The authenticator app was removed.
recovery-codes-section-title = Recovery codes
recovery-codes-count = { $count ->
    [one] { $count } recovery code left
   *[other] { $count } recovery codes left
}
recovery-codes-warning = Warning: only a few recovery codes are left. Make a new set so you are not locked out if you lose your phone.
recovery-codes-regenerate-button = Make new recovery codes
recovery-codes-regenerate-help = Your old recovery codes stop working as soon as you make new ones.
passkey-section-title = Passkeys
passkey-section-intro = Sign in with your fingerprint, face or screen lock instead of a password.
passkey-none = You have no passkeys yet.
passkey-unnamed = Passkey
passkey-created-label = Added
passkey-last-used-label = Last used
passkey-never-used = Never
passkey-remove-button = Remove
passkey-removed-notice = The passkey was removed.
passkey-name-label = Name of the new passkey (optional)
passkey-name-help = For example "Work laptop", so you can tell your passkeys apart.
passkey-add-button = Add a passkey
passkey-needs-js = Adding a passkey needs JavaScript and a browser that supports passkeys.
passkey-add-failed = The passkey could not be added. Try again.
trusted-devices-title = Remembered devices
trusted-devices-intro = These devices skip the second step when you sign in, until the date shown.
trusted-devices-none = No device is remembered.
trusted-devices-unknown = Unknown device
trusted-devices-added-label = Remembered
trusted-devices-last-used-label = Last used
trusted-devices-expires-label = Until
trusted-devices-revoke-button = Forget this device
trusted-devices-revoke-all-button = Forget all devices
trusted-devices-revoked-notice = That device will ask for the second step again.
trusted-devices-all-revoked-notice = Every device will ask for the second step again.

## Setting up an authenticator app (/settings/security/totp)
totp-setup-title = Set up an authenticator app
totp-setup-scan = Scan this QR code with an authenticator app, such as the one built into your password manager.
totp-qr-alt = QR code that adds your account to an authenticator app
totp-secret-label = Can't scan it? Type this key into the app instead:
totp-code-label = The 6-digit code the app now shows
totp-code-help = Codes change every 30 seconds; enter the current one.
totp-confirm-button = Turn on
totp-retry-hint = Already added the account to your app? Enter the code it shows now. If not, start again with a new QR code.
totp-start-again = Start again with a new QR code
totp-cancel = Cancel

## Recovery codes, shown once
recovery-codes-page-title = Save your recovery codes
recovery-codes-page-intro = If you lose your phone, each of these codes lets you sign in once. Keep them somewhere safe, such as a password manager, or print them.
recovery-codes-shown-once = This is the only time we show these codes. Earlier codes no longer work.
recovery-codes-done-link = I have saved my codes

## Confirm it's you (/settings/reauthenticate)
reauth-title = Confirm it's you
reauth-intro = For your security, confirm it's you before changing how you sign in. You won't be asked again for { $minutes } minutes.
reauth-password-label = Your password
reauth-totp-label = Or a code from your authenticator app
reauth-totp-help = Enter either your password or the 6-digit code, not both.
reauth-submit-button = Confirm
reauth-password-wrong = That password is not right. Passwords are case-sensitive.
reauth-empty = Enter your password or a code.
