# 双重验证和通行密钥（issue #10）：消息和页面。
# 消息参数：$sender（商店名称）、$code、$factor（验证方式名称）、
# $left（剩余恢复码数量）、$when、$place、$device。

## 验证方式名称（消息中提到某种方式时使用）
message-method-totp = 身份验证器应用
message-method-recovery_codes = 恢复码

## 登录第二步的验证码
message-second-factor-code-subject = 您的 { $sender } 验证码
message-second-factor-code-heading = 确认是您本人
message-second-factor-code-intro = 您的密码输入正确。请输入以下验证码以完成登录 { $sender }：
message-second-factor-code-ignore = 如果不是您本人，说明有人知道您的密码：请立即修改密码。没有此验证码，任何人都无法登录。
message-second-factor-code-sms = { $code } 是您的 { $sender } 登录验证码，15 分钟内有效。请勿告诉他人。

## 密码正确，但第二步验证失败
message-second-factor-failed-subject = 有人输入了您的 { $sender } 密码
message-second-factor-failed-heading = 是您本人吗？
message-second-factor-failed-body = 有人正确输入了您的密码，但未通过登录 { $sender } 的第二步验证。
message-second-factor-failed-details = 时间：{ $when }。位置：{ $place }。设备：{ $device }。
message-second-factor-failed-advice = 如果不是您本人，请立即修改密码：第二步验证拦住了对方，但对方知道您的密码。
message-second-factor-failed-sms = 有人输入了您的 { $sender } 密码，但未通过第二步验证。如果不是您本人，请立即修改密码。

## 使用了恢复码
message-recovery-code-used-subject = 您的 { $sender } 账号使用了一个恢复码
message-recovery-code-used-heading = 已使用一个恢复码
message-recovery-code-used-body = 刚刚有人使用您的一个恢复码登录了 { $sender }。每个恢复码只能使用一次。
message-recovery-code-used-left = 剩余恢复码：{ $left } 个。您可以在账号安全设置中生成一组新的恢复码。
message-recovery-code-used-not-you = 如果不是您本人，请立即修改密码并生成新的恢复码。
message-recovery-code-used-sms = 刚刚有人使用 { $sender } 恢复码登录。剩余恢复码：{ $left } 个。不是您本人？请立即修改密码。

## 添加或移除了第二重验证方式或通行密钥
message-factor-added-subject = 您的 { $sender } 账号添加了一种登录方式
message-factor-added-heading = 已添加一种登录方式
message-factor-added-body = 您的 { $sender } 账号添加了以下登录方式：{ $factor }。
message-factor-added-not-you = 如果不是您本人，请登录并将其移除，然后修改密码。
message-factor-added-sms = 您的 { $sender } 账号添加了登录方式：{ $factor }。不是您本人？请登录并将其移除。
message-factor-removed-subject = 您的 { $sender } 账号移除了一种登录方式
message-factor-removed-heading = 已移除一种登录方式
message-factor-removed-body = 您的 { $sender } 账号移除了以下登录方式：{ $factor }。
message-factor-removed-not-you = 如果不是您本人，请登录、修改密码，然后重新设置该方式。
message-factor-removed-sms = 您的 { $sender } 账号移除了登录方式：{ $factor }。不是您本人？请立即修改密码。

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
