## Устройства и активность (#12): /settings/devices, /settings/activity, уведомление о новом устройстве.

devices-title = Ваши устройства
devices-card-intro = Посмотрите, где выполнен вход в ваш аккаунт, завершите сеансы и забудьте запомненные устройства.
devices-link = Управлять устройствами
devices-remembered-title = Запомненные устройства
devices-remembered-intro = На этих устройствах второй шаг входа пропускается. Забудьте те, которыми вы больше не пользуетесь.

activity-title = Активность безопасности
activity-intro = Последние входы и изменения в вашем аккаунте, сначала новые. Если что-то из этого сделали не вы, смените пароль.
activity-card-intro = Последние входы, неудачные попытки и изменения в вашем аккаунте.
activity-link = Посмотреть активность
activity-none = В вашем аккаунте пока ничего не происходило.
activity-when = Когда
activity-device = Устройство
activity-place = Место
activity-address = Адрес

event-identity-created = Аккаунт создан
event-session-created = Вход выполнен
event-signin-failed = Неверный пароль
event-identity-locked = Вход заблокирован после слишком многих попыток
event-identity-unlocked = Вход разблокирован
event-recovery-requested = Запрошен сброс пароля
event-recovery-completed = Пароль сброшен
event-password-changed = Пароль изменён
event-email-changed = Адрес электронной почты изменён
event-phone-changed = Номер телефона изменён
event-mfa-enabled = Добавлен второй фактор
event-mfa-disabled = Второй фактор удалён
event-provider-linked = Аккаунт привязан
event-provider-unlinked = Аккаунт отвязан
event-identity-blocked = Аккаунт заблокирован
event-identity-unblocked = Аккаунт разблокирован
event-identity-deleted = Аккаунт удалён
event-contact-dropped = Контакт удалён

## Вход с нового устройства
message-new-device-subject = Новый вход в ваш аккаунт { $sender }
message-new-device-heading = Вход с нового устройства
message-new-device-body = В ваш аккаунт { $sender } только что вошли с устройства, с которого раньше не входили.
message-new-device-details = Когда: { $when }. Устройство: { $device }. Адрес: { $ip }.
message-new-device-details-place = Когда: { $when }. Устройство: { $device }. Где: { $place } ({ $ip }).
message-new-device-not-you = Если это были не вы, сразу нажмите кнопку ниже: она завершит все сеансы и заблокирует вход, пока вы не сбросите пароль.
message-new-device-ignore = Если это были вы, ничего делать не нужно.
message-new-device-sms = Новый вход в аккаунт { $sender } с нового устройства. Это не вы? { $link }
