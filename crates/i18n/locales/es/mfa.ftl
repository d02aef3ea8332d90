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
