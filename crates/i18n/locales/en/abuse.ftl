# Abuse protection: the lock notice, the unlock page, the browser check.

message-button-unlock = Unlock my account
message-account-locked-subject = Your { $sender } account was locked after failed sign-in attempts
message-account-locked-heading = We locked your account for a while
message-account-locked-body = Someone entered the wrong password for your { $sender } account several times, most recently at { $when }. To keep your account safe we paused password sign-in for a while.
message-account-locked-where = The attempts came from the network address { $ip }.
message-account-locked-unlock = If it was you, use this link to unlock your account now. It works once, for 2 hours: { $unlock_url }
message-account-locked-reset = If it wasn't you, someone may be guessing your password: reset your password to a new one you use nowhere else.
message-account-locked-not-me = If it wasn't you and you think someone else may be in your account, use this link: it signs everyone out, forgets trusted devices and blocks password sign-in until you recover your account: { $report_url }
message-account-locked-ignore = Devices you have signed in on before can still sign in.
message-account-locked-sms = { $sender }: wrong password entered several times from { $ip }; sign-in is paused. Unlock: { $unlock_url } If it wasn't you, reset your password.

error-challenge_required = Please wait while we check your browser, then try again.
error-unlock_link_invalid = This unlock link has expired or was already used.

unlock-title = Unlock your account
unlock-intro = Unlock your account so you can sign in with your password again on this device.
unlock-submit = Unlock my account
unlock-done = Your account is unlocked. You can sign in now.
unlock-invalid = This unlock link has expired or was already used. You can still reset your password.
unlock-sign-in = Sign in
unlock-reset = Reset your password
challenge-checking = Checking your browser…
