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
passkey-signin-button = Войти с ключом доступа
passkey-signin-or = или
passkey-signin-failed = Ключ доступа не сработал. Попробуйте снова или войдите другим способом.

## The second step of a sign-in (/login/mfa)
mfa-page-title = Подтвердите, что это вы
mfa-page-intro = Пароль верный. Завершите вход одним из способов ниже.
mfa-passkey-heading = Ключ доступа
mfa-passkey-button = Использовать ключ доступа
mfa-totp-heading = Приложение-аутентификатор
mfa-totp-label = Код из приложения-аутентификатора
mfa-totp-help = Откройте приложение и введите 6-значный код, который оно показывает для этого аккаунта.
mfa-remember-label = { $days ->
    [one] Запомнить это устройство на { $days } день
    [few] Запомнить это устройство на { $days } дня
    [many] Запомнить это устройство на { $days } дней
   *[other] Запомнить это устройство на { $days } дня
}
mfa-remember-help = Не ставьте галочку на общем или чужом компьютере.
mfa-submit = Продолжить
mfa-send-heading = Получить код в сообщении
mfa-send-sms-button = Прислать код в SMS
mfa-send-email-button = Прислать код на почту
mfa-sent-sms = Мы отправили код на ваш телефон. Он действует 15 минут.
mfa-sent-email = Мы отправили код на вашу электронную почту. Он действует 15 минут.
mfa-code-label = Код из сообщения
mfa-code-help = Введите 6-значный код, который мы вам прислали.
mfa-recovery-summary = Потеряли телефон? Используйте код восстановления
mfa-recovery-label = Код восстановления
mfa-recovery-help = Один из кодов, которые вы сохранили при включении двухфакторной аутентификации. Каждый код действует только один раз.
mfa-code-missing = Введите код.
mfa-start-over = Начать вход заново

## Security settings: second factors, passkeys, remembered devices
security-mfa-title = Двухфакторная аутентификация
security-mfa-intro = Второй этап после пароля защитит аккаунт, даже если кто-то узнает ваш пароль.
totp-section-title = Приложение-аутентификатор
totp-state-on = Включено: при входе нужен код из приложения-аутентификатора.
totp-state-off = Выключено: приложение-аутентификатор не настроено.
totp-setup-link = Настроить приложение-аутентификатор
totp-remove-button = Удалить приложение-аутентификатор
totp-added-notice = Приложение-аутентификатор настроено. Теперь при входе нужен код из него.
totp-removed-notice = Приложение-аутентификатор удалено.
recovery-codes-section-title = Коды восстановления
recovery-codes-count = { $count ->
    [one] Остался { $count } код восстановления
    [few] Осталось { $count } кода восстановления
    [many] Осталось { $count } кодов восстановления
   *[other] Осталось { $count } кода восстановления
}
recovery-codes-warning = Внимание: осталось мало кодов восстановления. Создайте новый набор, чтобы не лишиться доступа, если потеряете телефон.
recovery-codes-regenerate-button = Создать новые коды восстановления
recovery-codes-regenerate-help = Старые коды восстановления перестанут действовать, как только вы создадите новые.
passkey-section-title = Ключи доступа
passkey-section-intro = Входите по отпечатку пальца, лицу или блокировке экрана вместо пароля.
passkey-none = У вас пока нет ключей доступа.
passkey-unnamed = Ключ доступа
passkey-created-label = Добавлен
passkey-last-used-label = Последнее использование
passkey-never-used = Никогда
passkey-remove-button = Удалить
passkey-removed-notice = Ключ доступа удалён.
passkey-name-label = Название нового ключа доступа (необязательно)
passkey-name-help = Например, «Рабочий ноутбук», чтобы различать ключи доступа.
passkey-add-button = Добавить ключ доступа
passkey-needs-js = Чтобы добавить ключ доступа, нужны JavaScript и браузер с поддержкой ключей доступа.
passkey-add-failed = Не удалось добавить ключ доступа. Попробуйте снова.
trusted-devices-title = Запомненные устройства
trusted-devices-intro = На этих устройствах второй этап входа не требуется до указанной даты.
trusted-devices-none = Запомненных устройств нет.
trusted-devices-unknown = Неизвестное устройство
trusted-devices-added-label = Запомнено
trusted-devices-last-used-label = Последнее использование
trusted-devices-expires-label = До
trusted-devices-revoke-button = Забыть это устройство
trusted-devices-revoke-all-button = Забыть все устройства
trusted-devices-revoked-notice = На этом устройстве снова потребуется второй этап входа.
trusted-devices-all-revoked-notice = На всех устройствах снова потребуется второй этап входа.

## Setting up an authenticator app (/settings/security/totp)
totp-setup-title = Настройка приложения-аутентификатора
totp-setup-scan = Отсканируйте этот QR-код приложением-аутентификатором, например встроенным в ваш менеджер паролей.
totp-qr-alt = QR-код для добавления аккаунта в приложение-аутентификатор
totp-secret-label = Не получается отсканировать? Введите в приложение этот ключ:
totp-code-label = 6-значный код, который сейчас показывает приложение
totp-code-help = Коды меняются каждые 30 секунд — введите текущий.
totp-confirm-button = Включить
totp-retry-hint = Уже добавили аккаунт в приложение? Введите код, который оно показывает сейчас. Если нет, начните заново с новым QR-кодом.
totp-start-again = Начать заново с новым QR-кодом
totp-cancel = Отмена

## Recovery codes, shown once
recovery-codes-page-title = Сохраните коды восстановления
recovery-codes-page-intro = Если вы потеряете телефон, каждый из этих кодов позволит войти один раз. Храните их в надёжном месте, например в менеджере паролей, или распечатайте.
recovery-codes-shown-once = Мы показываем эти коды только один раз. Прежние коды больше не действуют.
recovery-codes-done-link = Коды сохранены

## Confirm it's you (/settings/reauthenticate)
reauth-title = Подтвердите, что это вы
reauth-intro = В целях безопасности подтвердите, что это вы, прежде чем менять способ входа. Повторно мы спросим не раньше чем через { $minutes } мин.
reauth-password-label = Ваш пароль
reauth-totp-label = Или код из приложения-аутентификатора
reauth-totp-help = Введите либо пароль, либо 6-значный код — не оба сразу.
reauth-submit-button = Подтвердить
reauth-password-wrong = Неверный пароль. В пароле важен регистр букв.
reauth-empty = Введите пароль или код.
