# Двухфакторная аутентификация и ключи доступа (issue #10): сообщения и страницы.
# Аргументы в сообщениях: $sender (название магазина), $code, $factor (название способа),
# $left (сколько осталось кодов восстановления), $when, $place, $device.

## Названия способов (как их называют сообщения)
message-method-totp = приложение-аутентификатор
message-method-recovery_codes = коды восстановления

## Код второго этапа входа
message-second-factor-code-subject = Ваш код подтверждения { $sender }
message-second-factor-code-heading = Подтвердите, что это вы
message-second-factor-code-intro = Пароль введён верно. Чтобы завершить вход в { $sender }, введите этот код:
message-second-factor-code-ignore = Если это были не вы, кто-то знает ваш пароль: смените его прямо сейчас. Без этого кода никто не сможет войти.
message-second-factor-code-sms = { $code } — ваш код подтверждения { $sender }. Действует 15 минут.

## Верный пароль, но неверный второй фактор
message-second-factor-failed-subject = Кто-то ввёл ваш пароль { $sender }
message-second-factor-failed-heading = Это были вы?
message-second-factor-failed-body = Кто-то правильно ввёл ваш пароль, но не прошёл второй этап входа в { $sender }.
message-second-factor-failed-details = Когда: { $when }. Откуда: { $place }. Устройство: { $device }.
message-second-factor-failed-advice = Если это были не вы, смените пароль прямо сейчас: второй фактор остановил вход, но ваш пароль известен постороннему.
message-second-factor-failed-sms = Кто-то ввёл ваш пароль { $sender }, но не прошёл второй этап входа. Если это были не вы, смените пароль прямо сейчас.

## Использован код восстановления
message-recovery-code-used-subject = Для входа в аккаунт { $sender } использован код восстановления
message-recovery-code-used-heading = Использован код восстановления
message-recovery-code-used-body = Один из ваших кодов восстановления только что использован для входа в { $sender }. Каждый код действует только один раз.
message-recovery-code-used-left = Осталось кодов: { $left }. Новый набор можно создать в настройках безопасности аккаунта.
message-recovery-code-used-not-you = Если это были не вы, смените пароль и создайте новые коды восстановления прямо сейчас.
message-recovery-code-used-sms = Для входа в { $sender } только что использован код восстановления. Осталось кодов: { $left }. Это не вы? Смените пароль.

## Второй фактор или ключ доступа добавлен или удалён
message-factor-added-subject = В ваш аккаунт { $sender } добавлен способ входа
message-factor-added-heading = Добавлен способ входа
message-factor-added-body = В ваш аккаунт { $sender } добавлен способ входа: { $factor }.
message-factor-added-not-you = Если это были не вы, войдите и удалите его, а затем смените пароль.
message-factor-added-sms = В ваш аккаунт { $sender } добавлен способ входа: { $factor }. Это не вы? Войдите и удалите его.
message-factor-removed-subject = Из вашего аккаунта { $sender } удалён способ входа
message-factor-removed-heading = Удалён способ входа
message-factor-removed-body = Из вашего аккаунта { $sender } удалён способ входа: { $factor }.
message-factor-removed-not-you = Если это были не вы, войдите, смените пароль и настройте этот способ заново.
message-factor-removed-sms = Из вашего аккаунта { $sender } удалён способ входа: { $factor }. Это не вы? Смените пароль прямо сейчас.

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
