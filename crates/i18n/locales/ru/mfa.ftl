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
