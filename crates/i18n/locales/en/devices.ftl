## Devices and activity (#12): /settings/devices, /settings/activity, the new-device notice.

devices-title = Your devices
devices-card-intro = See where your account is signed in, sign out devices, and forget remembered ones.
devices-link = Manage your devices
devices-remembered-title = Remembered devices
devices-remembered-intro = These devices skip the second step of signing in. Forget any you no longer use.

activity-title = Security activity
activity-intro = Recent sign-ins and changes to your account, newest first. If something here was not you, change your password.
activity-card-intro = Recent sign-ins, failed attempts and changes to your account.
activity-link = See your security activity
activity-none = Nothing has happened on your account yet.
activity-when = When
activity-device = Device
activity-place = Place
activity-address = Address

event-identity-created = Account created
event-session-created = Signed in
event-signin-failed = Wrong password
event-identity-locked = Sign-in locked after too many attempts
event-identity-unlocked = Sign-in unlocked
event-recovery-requested = Password reset requested
event-recovery-completed = Password reset
event-password-changed = Password changed
event-email-changed = Email address changed
event-phone-changed = Phone number changed
event-mfa-enabled = Second factor added
event-mfa-disabled = Second factor removed
event-provider-linked = Account linked
event-provider-unlinked = Account unlinked
event-identity-blocked = Account blocked
event-identity-unblocked = Account unblocked
event-identity-deleted = Account deleted
event-contact-dropped = Contact removed

## A sign-in from a new device
message-new-device-subject = New sign-in to your { $sender } account
message-new-device-heading = A new device signed in
message-new-device-body = Your { $sender } account was just signed in to from a device it had not been used on before.
message-new-device-details = When: { $when }. Device: { $device }. Address: { $ip }.
message-new-device-details-place = When: { $when }. Device: { $device }. Where: { $place } ({ $ip }).
message-new-device-not-you = If this wasn't you, use the button below right away: it signs out everyone and blocks sign-in until you reset your password.
message-new-device-ignore = If it was you, there is nothing to do.
message-new-device-sms = New sign-in to your { $sender } account from a new device. Not you? { $link }
