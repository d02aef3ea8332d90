# Messages the courier sends (email and SMS). Codes expire after 15 minutes (docs/PRODUCT.md, R2).
# Arguments: $sender (the shop's name), $code, $url, $address, $method.

## Shared by every email
message-code-label = Your code
message-code-expires = The code expires in 15 minutes.
message-never-share = { $sender } will never ask you for this code. Do not share it with anyone.
message-footer = This is an automated message from { $sender }.
message-button-sign-in = Sign in
# A button in the plain-text part of an email.
message-link = { $label }: { $url }

## Sign-in methods, as named in the welcome message
message-method-password = password
message-method-code = one-time code
message-method-passkey = passkey
message-method-google = Google account
message-method-apple = Apple account
message-method-facebook = Facebook account
message-method-vk = VK account
message-method-alipay = Alipay account

## Registration code
message-registration-code-subject = Confirm your email address for { $sender }
message-registration-code-heading = Confirm your email address
message-registration-code-intro = Thanks for signing up for { $sender }. To finish creating your account, enter this code:
message-registration-code-ignore = If you didn't try to create an account, ignore this message: no account is created without this code.
message-registration-code-sms = { $code } is your { $sender } verification code. It expires in 15 minutes.

## Someone tried to sign up with an address that already has an account
message-signup-attempt-subject = Someone tried to sign up with your address
message-signup-attempt-heading = You already have an account
message-signup-attempt-body = Someone tried to create a { $sender } account with this email address. You already have an account with it, so no new account was created.
message-signup-attempt-action = If it was you, sign in or reset your password at { $url }
message-signup-attempt-ignore = If it wasn't you, there is nothing to do: your account has not changed.
message-signup-attempt-sms = Someone tried to sign up for { $sender } with this number, but you already have an account. Sign in or reset your password at { $url }

## Verification code for an added or unverified address
message-verification-code-subject = Verify your email address for { $sender }
message-verification-code-heading = Verify your email address
message-verification-code-intro = Enter this code to confirm that this address belongs to you:
message-verification-code-ignore = If you didn't ask for this, ignore this message: the address is not verified without this code.
message-verification-code-sms = { $code } is your { $sender } verification code. It expires in 15 minutes.

## Passwordless sign-in code
message-login-code-subject = Your { $sender } sign-in code
message-login-code-heading = Your sign-in code
message-login-code-intro = Someone asked to sign in to { $sender } with this address. If it was you, enter this code:
message-login-code-ignore = If this wasn't you, ignore this message: nobody can sign in without this code.
message-login-code-sms = { $code } is your { $sender } sign-in code. It expires in 15 minutes. Never share it.

## Welcome, after registration
message-welcome-subject = Welcome to { $sender }
message-welcome-heading = Welcome to { $sender }!
message-welcome-intro = Your account is ready.
message-welcome-address = Your account's address: { $address }
message-welcome-method = How you sign in: { $method }
message-welcome-settings = You can add other ways to sign in, such as a passkey, in your account settings.
message-welcome-sms = Welcome to { $sender }! Your account: { $address }. How you sign in: { $method }.

## An unverified address was removed: someone else proved they hold it
message-contact-removed-subject = An unconfirmed address was removed from your { $sender } account
message-contact-removed-heading = An address was removed from your account
message-contact-removed-body = { $address } was listed on your { $sender } account but was never confirmed. Someone has now confirmed that they hold it, so it was removed from your account.
message-contact-removed-action = If it is yours, sign in at { $url } and add it again: you will be asked to confirm it with a code.
message-contact-removed-ignore = Nothing else about your account has changed.
message-contact-removed-sms = { $sender }: { $address } was removed from your account. It was never confirmed, and someone else confirmed it.

## The owner asked to delete the account; a sign-in cancelled it.
message-account-deletion-scheduled-subject = Your { $sender } account will be deleted on { $date }
message-account-deletion-scheduled-heading = Your account will be deleted
message-account-deletion-scheduled-body = You asked to delete your { $sender } account. It will be deleted on { $date } (UTC), with your contacts, sign-in methods and devices. You have been signed out everywhere.
message-account-deletion-scheduled-cancel = Changed your mind? Sign in before then and the deletion is cancelled.
message-account-deletion-scheduled-not-you = If you did not ask for this, sign in now to cancel it and change your password.
message-account-deletion-scheduled-sms = { $sender }: your account will be deleted on { $date }. Sign in before then to cancel.
message-account-deletion-cancelled-subject = Your { $sender } account will not be deleted
message-account-deletion-cancelled-heading = Account deletion cancelled
message-account-deletion-cancelled-body = You signed in to your { $sender } account, so it will not be deleted. To delete it after all, ask again in your account settings.
message-account-deletion-cancelled-not-you = If you did not sign in, change your password right away.
message-account-deletion-cancelled-sms = { $sender }: you signed in, so your account will not be deleted.
