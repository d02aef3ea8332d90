# Сообщения, которые отправляет курьер (email и SMS). Коды действуют 15 минут.
# Аргументы: $sender (название магазина), $code, $url, $address, $method.

## Общие для всех писем
message-code-label = Ваш код
message-code-expires = Код действует 15 минут.
message-never-share = { $sender } никогда не попросит вас сообщить этот код. Никому его не говорите.
message-footer = Это автоматическое сообщение от { $sender }.
message-button-sign-in = Войти
# A button in the plain-text part of an email.
message-link = { $label }: { $url }

## Способы входа (в приветственном письме)
message-method-password = пароль
message-method-code = одноразовый код
message-method-passkey = ключ доступа
message-method-google = аккаунт Google
message-method-apple = аккаунт Apple
message-method-facebook = аккаунт Facebook
message-method-vk = аккаунт VK
message-method-alipay = аккаунт Alipay

## Код подтверждения при регистрации
message-registration-code-subject = Подтвердите адрес электронной почты для { $sender }
message-registration-code-heading = Подтвердите адрес электронной почты
message-registration-code-intro = Спасибо за регистрацию в { $sender }. Чтобы завершить создание аккаунта, введите этот код:
message-registration-code-ignore = Если вы не пытались создать аккаунт, просто проигнорируйте это письмо: без этого кода аккаунт не будет создан.
message-registration-code-sms = { $code } — ваш код подтверждения { $sender }. Действует 15 минут.

## Попытка регистрации с адресом, у которого уже есть аккаунт
message-signup-attempt-subject = Кто-то пытался зарегистрироваться с вашим адресом
message-signup-attempt-heading = У вас уже есть аккаунт
message-signup-attempt-body = Кто-то пытался создать аккаунт { $sender } с этим адресом электронной почты. У вас уже есть аккаунт с этим адресом, поэтому новый не создан.
message-signup-attempt-action = Если это были вы, войдите или восстановите пароль здесь: { $url }
message-signup-attempt-ignore = Если это были не вы, ничего делать не нужно: с вашим аккаунтом ничего не произошло.
message-signup-attempt-sms = Кто-то пытался зарегистрироваться в { $sender } с этим номером, но у вас уже есть аккаунт. Войти или восстановить пароль: { $url }

## Код подтверждения добавленного или неподтверждённого адреса
message-verification-code-subject = Подтверждение адреса электронной почты в { $sender }
message-verification-code-heading = Подтвердите адрес электронной почты
message-verification-code-intro = Введите этот код, чтобы подтвердить, что адрес принадлежит вам:
message-verification-code-ignore = Если вы этого не запрашивали, проигнорируйте это письмо: без этого кода адрес не будет подтверждён.
message-verification-code-sms = { $code } — ваш код подтверждения { $sender }. Действует 15 минут.

## Код для входа без пароля
message-login-code-subject = Код для входа в { $sender }
message-login-code-heading = Ваш код для входа
message-login-code-intro = Кто-то запросил вход в { $sender } с этим адресом. Если это были вы, введите этот код:
message-login-code-ignore = Если это были не вы, проигнорируйте это письмо: без этого кода никто не сможет войти.
message-login-code-sms = { $code } — ваш код для входа в { $sender }. Действует 15 минут. Никому не сообщайте.

## Приветствие после регистрации
message-welcome-subject = Добро пожаловать в { $sender }
message-welcome-heading = Добро пожаловать в { $sender }!
message-welcome-intro = Ваш аккаунт готов.
message-welcome-address = Ваш аккаунт: { $address }
message-welcome-method = Способ входа: { $method }
message-welcome-settings = В настройках аккаунта можно добавить другие способы входа, например ключ доступа.
message-welcome-sms = Добро пожаловать в { $sender }! Ваш аккаунт: { $address }. Способ входа: { $method }.

## Неподтверждённый адрес удалён: кто-то другой подтвердил, что он принадлежит ему
message-contact-removed-subject = Из вашего аккаунта { $sender } удалён неподтверждённый адрес
message-contact-removed-heading = Из вашего аккаунта удалён адрес
message-contact-removed-body = Адрес { $address } был указан в вашем аккаунте { $sender }, но так и не был подтверждён. Теперь другой человек подтвердил, что этот адрес принадлежит ему, поэтому он удалён из вашего аккаунта.
message-contact-removed-action = Если адрес ваш, войдите здесь: { $url } и добавьте его снова — его нужно будет подтвердить кодом.
message-contact-removed-ignore = Больше ничего в вашем аккаунте не изменилось.
message-contact-removed-sms = { $sender }: { $address } удалён из вашего аккаунта: он не был подтверждён, а другой человек его подтвердил.

## Владелец попросил удалить аккаунт; вход отменил удаление.
message-account-deletion-scheduled-subject = Ваш аккаунт { $sender } будет удалён { $date }
message-account-deletion-scheduled-heading = Ваш аккаунт будет удалён
message-account-deletion-scheduled-body = Вы попросили удалить аккаунт { $sender }. Он будет удалён { $date } (UTC) вместе с контактами, способами входа и устройствами. Все ваши сеансы завершены.
message-account-deletion-scheduled-cancel = Передумали? Войдите до этой даты, и удаление будет отменено.
message-account-deletion-scheduled-not-you = Если вы об этом не просили, войдите сейчас, чтобы отменить удаление, и смените пароль.
message-account-deletion-scheduled-sms = { $sender }: ваш аккаунт будет удалён { $date }. Чтобы отменить, войдите до этой даты.
message-account-deletion-cancelled-subject = Ваш аккаунт { $sender } не будет удалён
message-account-deletion-cancelled-heading = Удаление аккаунта отменено
message-account-deletion-cancelled-body = Вы вошли в аккаунт { $sender }, поэтому он не будет удалён. Если всё же хотите его удалить, запросите удаление снова в настройках аккаунта.
message-account-deletion-cancelled-not-you = Если это были не вы, немедленно смените пароль.
message-account-deletion-cancelled-sms = { $sender }: вы вошли, поэтому ваш аккаунт не будет удалён.
