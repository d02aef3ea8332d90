# One message per API error code (`error-<code>`), password problems and strength labels.
error-invalid_input = Some of the information is missing or not valid. Please check it and try again.
error-invalid_identifier = Enter a valid email address or phone number.
error-invalid_code = That code is not right. Attempts left: { $attempts_left }.
error-flow_expired = This code has expired. Please start again to get a new one.
error-too_many_attempts = Too many attempts. Please wait a while and try again, or reset your password.
error-too_soon = Please wait { $seconds } s before asking for a new code.
error-invalid_credentials = The email, phone number or password is not right. Passwords are case-sensitive.
error-weak_password = Please choose a stronger password.
error-password_mismatch = The passwords do not match.
error-account_blocked = This account is blocked. Reset your password or contact support to get back in.
error-channel_unavailable = We cannot send a code this way right now. Please try another way.
error-server_busy = We are very busy right now. Please try again in a moment.
error-reauthentication_required = For your security, confirm it's you again (your password or a code from your authenticator app) to make this change.
error-unauthenticated = Please sign in to continue.
error-not_found = We could not find that.
error-unsupported_media_type = This request format is not supported.
error-payload_too_large = The request is too large.
error-malformed_json = The request could not be read.
error-csrf_failed = The form was open for too long or came from another site. Please go back, reload the page and try again.
error-internal = Something went wrong on our side. Please try again later.

password-too_short = Use at least { $min } characters.
password-too_long = This password is too long.
password-common = This password is too common. Choose one that others are unlikely to use.
password-guessable = This password is easy to guess. Add a few more unrelated words.
password-same_as_current = The new password must be different from the current one.

strength-weak = Weak
strength-medium = Medium
strength-strong = Strong
error-invalid_credential = That passkey could not be checked. Try again, or use another way to sign in.
error-already_registered = That passkey is already registered.
error-last_method = You can't remove this: it is your account's last way to sign in. Add another way first.
