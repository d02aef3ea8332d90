# Browser pages: layout, forms, settings. Keys are grouped by page.

## Layout
skip-to-content = Skip to main content
language-switcher-label = Language

## Fields shared by several forms
field-identifier = Email or phone number
field-identifier-help = For example, ann@example.com or +1 555 123 4567.
field-password = Password
field-new-password = Password
field-new-password-help = At least { $min } characters. A few unrelated words make a strong password that is easy to remember.
field-password-confirm = Repeat the password
field-name = Your name (optional)
field-code = 6-digit code
field-code-help = Digits only, no spaces.

## Password field helpers (shown by the page script)
password-show = Show password
password-capslock = Caps Lock is on.
password-layout = Your keyboard seems to be set to another language. The password will be used exactly as typed.
password-mismatch = The passwords do not match.
strength-title = Password strength

## Registration
register-title = Create an account
register-intro = Sign up with your email address or phone number. We will send you a code to confirm it.
register-submit = Create account
register-have-account = Already have an account?
register-sign-in-link = Sign in

## Verification
verify-title = Enter the code
verify-intro = We sent a 6-digit code to { $destination }. It usually arrives within a minute and stays valid for 15 minutes.
verify-intro-generic = We sent you a 6-digit code. It usually arrives within a minute and stays valid for 15 minutes.
verify-submit = Confirm
verify-no-code-title = No code?
verify-no-code = Check your spam folder. If the code has not arrived, ask for a new one; earlier codes keep working.
verify-resend = Send a new code
verify-resend-wait = You can ask for a new code in { $seconds } s
verify-resend-ready = You can ask for a new code now.
verify-resent = A new code is on its way.

## Sign-in
login-title = Sign in
login-submit = Sign in
login-forgot = Forgot password?
login-with-code = Sign in with a code instead
login-no-account = New here?
login-register = Create an account
login-signed-out = You are signed out.

## Account settings
settings-title = Your account
settings-signed-in-as = Signed in as { $who }
settings-contacts = Email addresses and phone numbers
settings-no-contacts = No email address or phone number yet.
contact-email = Email
contact-phone = Phone
contact-verified = Verified
contact-unverified = Not verified
contact-primary = Primary
settings-sessions = Signed-in devices
settings-sessions-intro = These browsers and apps are signed in to your account. Sign out any you do not recognize, then change your password.
session-current = This device
session-signed-in = Signed in
session-last-seen = Last active
session-place = Place
session-unknown-device = Unknown device
session-sign-out = Sign out this device
settings-sign-out-others = Sign out everywhere else
settings-no-other-sessions = No other devices are signed in.
settings-session-signed-out = The device was signed out.
settings-others-signed-out = All other devices were signed out.
settings-sign-out = Sign out

## Other pages
not-found-title = Page not found
not-found-body = The page you are looking for does not exist or has moved.
not-found-home = Go to sign in
page-error-title = Something went wrong
csrf-title = Please try again
back-to-sign-in = Go to sign in
try-again = Try again
# The wait of a refused page (its Retry-After), in words, rounded up; $count is a number.
retry-in-seconds = { $count ->
    [one] Try again in { $count } second.
   *[other] Try again in { $count } seconds.
}
retry-in-minutes = { $count ->
    [one] Try again in { $count } minute.
   *[other] Try again in { $count } minutes.
}
retry-in-hours = { $count ->
    [one] Try again in { $count } hour.
   *[other] Try again in { $count } hours.
}
page-too-soon = A new code cannot be sent yet.

## Password recovery and sign-in by code
recovery-title = Forgot your password?
recovery-intro = Enter the email address or phone number of your account. We will send you a 6-digit code to set a new password.
recovery-submit = Send the code
reset-title = Choose a new password
reset-intro = After you save it, every other device is signed out.
reset-submit = Save the new password
reset-done-title = Your password has been changed
reset-done-body = You can now sign in with your new password. Every other device has been signed out.
login-code-title = Sign in with a code
login-code-intro = Enter your email address or phone number. We will send you a 6-digit code to sign in, no password needed.
login-code-submit = Send the code
verify-code-format = Enter the 6-digit code from the message.

## Security settings: changing the password while signed in
settings-security = Security
settings-security-link = Change your password
security-title = Security
security-back = Back to your account
security-password-title = Change your password
security-password-intro = When you save the new password, every other device is signed out and we let you know by email or text message.
field-current-password = Current password
field-current-password-help = You may leave it empty if you signed in less than { $minutes } minutes ago.
security-new-password = New password
security-password-submit = Change password
security-password-changed = Your password has been changed. Every other device has been signed out.
security-current-wrong = The current password is not right. Passwords are case-sensitive.
security-current-needed = Enter your current password: you signed in more than { $minutes } minutes ago.
