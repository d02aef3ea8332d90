# Email and phone changes (issue #12): the contacts page, the revert page and their
# messages. Arguments in messages: $sender (the shop's name), $code, $address, $link.

## The code for a new address
message-contact-code-subject = Confirm your new address for { $sender }
message-contact-code-heading = Confirm your new address
message-contact-code-intro = Enter this code to add this address to your { $sender } account:
message-contact-code-ignore = If you didn't ask for this, ignore this message: the address is not added without this code.
message-contact-code-sms = { $code } is your { $sender } code to add this number. It expires in 15 minutes.

## Someone tried to add an address another account holds
message-address-in-use-subject = Someone tried to use your address at { $sender }
message-address-in-use-heading = Someone tried to add your address
message-address-in-use-body = Someone tried to add this address to another { $sender } account. It was not added: it stays with your account.
message-address-in-use-ignore = You don't need to do anything. If you keep getting this message, consider changing your password.
message-address-in-use-sms = { $sender }: someone tried to add this number to another account. Nothing changed.

## The primary email was changed (to the old address, with the revert link)
message-email-changed-subject = Your { $sender } email address was changed
message-email-changed-heading = Your email address was changed
message-email-changed-body = The email address of your { $sender } account is now { $address }. Messages for your account now go there.
message-email-changed-not-you = If this wasn't you, use the button below within 7 days: it puts this address back, removes { $address } and signs out everyone.
message-email-changed-ignore = If it was you, there is nothing to do.
message-email-changed-sms = { $sender }: your email address was changed to { $address }. Not you? { $link }

## The primary phone was changed (to the old phone)
message-phone-changed-subject = Your { $sender } phone number was changed
message-phone-changed-heading = Your phone number was changed
message-phone-changed-body = The phone number of your { $sender } account is now { $address }.
message-phone-changed-not-you = If this wasn't you, use the button below right away: it signs out everyone and blocks sign-in until you reset your password.
message-phone-changed-sms = { $sender }: your number was changed. Not you? { $link }

## A change was reverted (to both addresses)
message-email-reverted-subject = Your { $sender } email address was restored
message-email-reverted-heading = Your email address was restored
message-email-reverted-body = The email address of your { $sender } account is { $address } again, and the address that replaced it was removed. Every device was signed out.
message-email-reverted-advice = Sign in again. If you didn't change the address yourself, change your password too.
message-email-reverted-sms = { $sender }: your email address is { $address } again. Every device was signed out.

## The contacts page (/settings/contacts)
contacts-heading = Email and phone
contacts-intro = The addresses you sign in with and receive messages at.
contacts-manage = Manage email and phone
contacts-yours = Your addresses
contacts-make-primary = Make primary
contacts-remove = Remove
contacts-add-email = Add an email address
contacts-add-phone = Add a phone number
contacts-new-email = New email address
contacts-new-phone = New phone number
contacts-as-primary = Use it as my primary address
contacts-send-code = Send code
contacts-code-title = Enter the code
contacts-code-intro = We sent a 6-digit code to { $address }. Enter it to add the address.
contacts-added = The address was added.
contacts-removed = The address was removed.
contacts-primary-changed = Your primary address was changed.
contacts-back = Back to email and phone

## The revert page (/revert)
revert-title = Undo the email change
revert-intro = This puts { $address } back as your account's email address and signs out every device.
revert-removes = { $address } will be removed from your account.
revert-submit = Undo the change
revert-done-title = Your email address was restored
revert-done = { $address } is your email address again. Every device was signed out: sign in again.
revert-invalid-title = This link no longer works
revert-invalid = Revert links work once, for 7 days. Sign in to check your account's addresses.
