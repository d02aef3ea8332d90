# Смена почты и телефона (issue #12): страница контактов, страница отмены и их сообщения.
# Аргументы в сообщениях: $sender (название магазина), $code, $address, $link.

## Код для нового адреса
message-contact-code-subject = Подтвердите новый адрес для { $sender }
message-contact-code-heading = Подтвердите новый адрес
message-contact-code-intro = Введите этот код, чтобы добавить адрес в ваш аккаунт { $sender }:
message-contact-code-ignore = Если вы этого не запрашивали, просто проигнорируйте письмо: без кода адрес не будет добавлен.
message-contact-code-sms = { $code } — код для нового номера в { $sender }. Действует 15 минут.

## Кто-то пытался добавить адрес, который принадлежит другому аккаунту
message-address-in-use-subject = Кто-то пытался использовать ваш адрес в { $sender }
message-address-in-use-heading = Кто-то пытался добавить ваш адрес
message-address-in-use-body = Кто-то пытался добавить этот адрес в другой аккаунт { $sender }. Адрес не добавлен: он остаётся за вашим аккаунтом.
message-address-in-use-ignore = Делать ничего не нужно. Если такие письма приходят снова, стоит сменить пароль.
message-address-in-use-sms = { $sender }: кто-то пытался добавить этот номер в другой аккаунт. Ничего не изменилось.

## Основная почта изменена (на старый адрес, со ссылкой отмены)
message-email-changed-subject = Почта вашего аккаунта { $sender } изменена
message-email-changed-heading = Адрес почты изменён
message-email-changed-body = Теперь адрес почты вашего аккаунта { $sender } — { $address }. Письма для аккаунта приходят туда.
message-email-changed-not-you = Если это были не вы, нажмите кнопку ниже в течение 7 дней: она вернёт этот адрес, удалит { $address } и завершит все сеансы.
message-email-changed-ignore = Если это были вы, ничего делать не нужно.
message-email-changed-sms = { $sender }: адрес почты изменён на { $address }. Это не вы? { $link }

## Основной телефон изменён (на старый номер)
message-phone-changed-subject = Номер телефона в { $sender } изменён
message-phone-changed-heading = Номер телефона изменён
message-phone-changed-body = Теперь номер телефона вашего аккаунта { $sender } — { $address }.
message-phone-changed-not-you = Если это были не вы, сразу нажмите кнопку ниже: она завершит все сеансы и заблокирует вход, пока вы не сбросите пароль.
message-phone-changed-sms = { $sender }: номер телефона изменён. Это не вы? { $link }

## Смена отменена (на оба адреса)
message-email-reverted-subject = Почта вашего аккаунта { $sender } восстановлена
message-email-reverted-heading = Адрес почты восстановлен
message-email-reverted-body = Адрес почты вашего аккаунта { $sender } снова { $address }, а адрес, который его заменил, удалён. На всех устройствах выполнен выход.
message-email-reverted-advice = Войдите снова. Если адрес меняли не вы, смените и пароль.
message-email-reverted-sms = { $sender }: адрес почты снова { $address }. На всех устройствах выполнен выход.

## Страница контактов (/settings/contacts)
contacts-heading = Почта и телефон
contacts-intro = Адреса, по которым вы входите и получаете сообщения.
contacts-manage = Управлять почтой и телефоном
contacts-yours = Ваши адреса
contacts-make-primary = Сделать основным
contacts-remove = Удалить
contacts-add-email = Добавить адрес почты
contacts-add-phone = Добавить номер телефона
contacts-new-email = Новый адрес почты
contacts-new-phone = Новый номер телефона
contacts-as-primary = Сделать основным адресом
contacts-send-code = Отправить код
contacts-code-title = Введите код
contacts-code-intro = Мы отправили 6-значный код на { $address }. Введите его, чтобы добавить адрес.
contacts-added = Адрес добавлен.
contacts-removed = Адрес удалён.
contacts-primary-changed = Основной адрес изменён.
contacts-back = Назад к почте и телефону

## Страница отмены (/revert)
revert-title = Отменить смену почты
revert-intro = Адрес { $address } снова станет адресом почты вашего аккаунта, а на всех устройствах будет выполнен выход.
revert-removes = Адрес { $address } будет удалён из аккаунта.
revert-submit = Отменить смену
revert-done-title = Адрес почты восстановлен
revert-done = { $address } снова ваш адрес почты. На всех устройствах выполнен выход: войдите снова.
revert-invalid-title = Ссылка больше не работает
revert-invalid = Ссылка отмены работает один раз в течение 7 дней. Войдите, чтобы проверить адреса аккаунта.
