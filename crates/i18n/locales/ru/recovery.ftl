# Сообщения восстановления пароля. Аргументы: $sender, $code, $url, $link, $methods.

## Общее
message-list-separator = {", "}
message-method-email_code = одноразовый код по электронной почте
message-method-sms_code = одноразовый код по SMS
message-button-reset = Сбросить пароль
message-button-not-me = Это был не я

## Код восстановления (и ссылка для сброса в письме)
message-recovery-code-subject = Сброс пароля { $sender }
message-recovery-code-heading = Сброс пароля
message-recovery-code-intro = Кто-то запросил сброс пароля вашей учётной записи { $sender }. Если это были вы, введите этот код или нажмите кнопку ниже, чтобы задать новый пароль.
message-recovery-code-ignore = Если вы этого не запрашивали, просто проигнорируйте письмо: без этого кода пароль не изменится.
message-recovery-code-sms = { $code } — код сброса пароля { $sender }. Действует 15 минут.

## Пароль изменён
message-password-changed-subject = Пароль { $sender } изменён
message-password-changed-heading = Ваш пароль изменён
message-password-changed-body = Пароль вашей учётной записи { $sender } только что изменён, и на остальных устройствах выполнен выход.
message-password-changed-not-you = Если это были не вы, сразу нажмите кнопку ниже: она завершит все сеансы и заблокирует вход, пока вы не сбросите пароль.
message-password-changed-ignore = Если это были вы, ничего делать не нужно.
message-password-changed-sms = Пароль { $sender } изменён. Это не вы? { $link }

## Каким способом входить
message-method-hint-subject = Как входить в { $sender }
message-method-hint-heading = Как вы входите
message-method-hint-body = Кто-то попросил помочь со входом в вашу учётную запись { $sender } по этому адресу.
message-method-hint-methods = Способы входа в вашу учётную запись: { $methods }.
message-method-hint-how = Чтобы войти, откройте { $url } и выберите один из них. Для одноразового кода введите этот адрес, и мы пришлём код. Если пароля в списке нет, сбрасывать нечего: после входа его можно добавить в настройках учётной записи.
message-method-hint-sms = { $sender }: способы входа: { $methods }. Вход: { $url }

## Запрос для адреса без учётной записи
message-no-account-subject = Нет учётной записи { $sender } с этим адресом
message-no-account-heading = Учётной записи с этим адресом нет
message-no-account-body = Кто-то запросил сброс пароля или способ входа в { $sender } для этого адреса, но ни одна учётная запись его не использует.
message-no-account-other = Если это были вы, возможно, вы регистрировались с другим адресом или с номером телефона. Можно также создать новую учётную запись с этим адресом.
message-no-account-ignore = Если это были не вы, просто проигнорируйте письмо.
message-no-account-sms = Кто-то спросил об учётной записи { $sender } для этого номера, но её нет.

## Запрос для заблокированной учётной записи
message-account-blocked-help-subject = Учётная запись { $sender } заблокирована
message-account-blocked-help-heading = Учётная запись заблокирована
message-account-blocked-help-body = Кто-то запросил сброс пароля вашей учётной записи { $sender }. Учётная запись заблокирована, поэтому сбросить пароль так нельзя.
message-account-blocked-help-support = Чтобы вернуть доступ, обратитесь в поддержку { $sender }.
message-account-blocked-help-sms = Учётная запись { $sender } заблокирована. Обратитесь в поддержку { $sender }.

## Страницы
recovery-other-ways-title = Другие способы подтверждения
recovery-phone-label = Отправить код на мой телефон
recovery-phone-help = Введите полный номер телефона вашей учётной записи, например +1 555 123 4567. Если это подтверждённый номер вашей учётной записи, код придёт на него в SMS.
recovery-phone-invalid = Введите номер телефона полностью, с кодом страны, например +1 555 123 4567.
recovery-send-to-phone = Отправить код SMS на этот номер
recovery-email-label = Отправить код на мою почту
recovery-email-help = Введите полный адрес электронной почты вашей учётной записи. Если это подтверждённый адрес вашей учётной записи, код придёт на него.
recovery-email-invalid = Введите адрес электронной почты полностью, например ann@example.com.
recovery-send-to-email = Отправить код на этот адрес
report-title = Это был не я
report-intro = Если ваш пароль изменил кто-то другой, подтвердите ниже. Все сеансы вашей учётной записи будут завершены, и никто не сможет войти, пока вы не сбросите пароль.
report-submit = Завершить все сеансы и заблокировать вход
report-done-title = Ваша учётная запись защищена
report-done-body = Все сеансы завершены, вход заблокирован. Сбросьте пароль, чтобы снова войти.
login-which-method = Каким способом я входил?
method-hint-title = Каким способом я входил?
method-hint-intro = Введите адрес электронной почты или номер телефона, который вы могли использовать. Если он привязан к учётной записи, мы пришлём сообщение со способами входа.
method-hint-submit = Прислать способы входа
method-hint-sent-title = Проверьте сообщения
method-hint-sent-body = Если этот адрес или номер привязан к учётной записи, сообщение со способами входа уже в пути.
