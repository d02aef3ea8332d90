# Password recovery messages: codes and links, the "password changed" notice, sign-in
# method hints. Arguments: $sender, $code, $url (the sign-in page), $link (a one-time
# link), $methods (a list of sign-in methods).

## Shared
message-list-separator = {", "}
message-method-email_code = one-time code by email
message-method-sms_code = one-time code by text message
message-button-reset = Reset password
message-button-not-me = This wasn't me

## Recovery code (and, by email, the reset link)
message-recovery-code-subject = Reset your { $sender } password
message-recovery-code-heading = Reset your password
message-recovery-code-intro = Someone asked to reset the password of your { $sender } account. If it was you, enter this code, or use the button below to choose a new password.
message-recovery-code-ignore = If you didn't ask for this, ignore this message: your password does not change without this code.
message-recovery-code-sms = { $code } is your { $sender } password reset code. It expires in 15 minutes. Never share it.

## The password was changed
message-password-changed-subject = Your { $sender } password was changed
message-password-changed-heading = Your password was changed
message-password-changed-body = The password of your { $sender } account was just changed, and the other devices signed in to it were signed out.
message-password-changed-not-you = If this wasn't you, use the button below right away: it signs out everyone and blocks sign-in until you reset your password.
message-password-changed-ignore = If it was you, there is nothing to do.
message-password-changed-sms = Your { $sender } password was changed. Not you? { $link }

## Which sign-in method does the account use?
message-method-hint-subject = How you sign in to { $sender }
message-method-hint-heading = How you sign in
message-method-hint-body = Someone asked for help signing in to your { $sender } account with this address.
message-method-hint-methods = Your account signs in with: { $methods }.
message-method-hint-how = To sign in, go to { $url } and use one of these. For a one-time code, enter this address and we send you a code. If the list has no password, there is no password to reset: you can add one in your account settings once signed in.
message-method-hint-sms = { $sender }: your account signs in with: { $methods }. Sign in at { $url }

## A request for an address that has no account
message-no-account-subject = No { $sender } account uses this address
message-no-account-heading = There is no account with this address
message-no-account-body = Someone asked to reset a password, or how to sign in, for this email address at { $sender }, but no account uses this address.
message-no-account-other = If it was you, you may have signed up with another address or with a phone number. You can also create a new account with this address.
message-no-account-ignore = If it wasn't you, ignore this message.
message-no-account-sms = Someone asked about a { $sender } account for this number, but there is none.

## A recovery request for a blocked account
message-account-blocked-help-subject = Your { $sender } account is blocked
message-account-blocked-help-heading = Your account is blocked
message-account-blocked-help-body = Someone asked to reset the password of your { $sender } account. The account is blocked, so its password cannot be reset this way.
message-account-blocked-help-support = Please contact { $sender } support to get back into your account.
message-account-blocked-help-sms = Your { $sender } account is blocked. Please contact { $sender } support to get back in.

## Pages
recovery-other-ways-title = Other ways to verify
recovery-phone-label = Send it to my phone instead
recovery-phone-help = Type the full phone number of your account, for example +1 555 123 4567. If it is a confirmed number of your account, the code is texted to it.
recovery-phone-invalid = Enter the phone number in full, with its country code, for example +1 555 123 4567.
recovery-send-to-phone = Text the code to this number
recovery-email-label = Send it to my email instead
recovery-email-help = Type the full email address of your account. If it is a confirmed address of your account, the code is emailed to it.
recovery-email-invalid = Enter the email address in full, for example ann@example.com.
recovery-send-to-email = Email the code to this address
report-title = This wasn't me
report-intro = If someone else changed your password, confirm below. Everyone is signed out of your account and nobody can sign in until you reset your password.
report-submit = Sign everyone out and block sign-in
report-done-title = Your account is protected
report-done-body = Everyone has been signed out and sign-in is blocked. Reset your password to get back in.
login-which-method = Which sign-in method did I use?
method-hint-title = Which sign-in method did I use?
method-hint-intro = Enter the email address or phone number you may have used. If an account uses it, we send it a message naming its sign-in methods.
method-hint-submit = Send me my sign-in methods
method-hint-sent-title = Check your messages
method-hint-sent-body = If an account uses this address or number, a message naming its sign-in methods is on its way.
