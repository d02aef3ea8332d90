# One message per API error code (`error-<code>`), password problems and strength labels.
error-invalid_input = Некоторые данные не указаны или указаны неверно. Проверьте их и попробуйте ещё раз.
error-invalid_identifier = Введите правильный адрес электронной почты или номер телефона.
error-invalid_code = Неверный код. Осталось попыток: { $attempts_left }.
error-flow_expired = Срок действия кода истёк. Начните заново, чтобы получить новый.
error-too_many_attempts = Слишком много попыток. Подождите немного и попробуйте снова или восстановите пароль.
error-too_soon = Новый код можно будет запросить через { $seconds } с.
error-invalid_credentials = Неверная почта, номер телефона или пароль. В пароле важен регистр букв.
error-weak_password = Выберите более надёжный пароль.
error-password_mismatch = Пароли не совпадают.
error-account_blocked = Аккаунт заблокирован. Чтобы вернуть доступ, восстановите пароль или обратитесь в поддержку.
error-channel_unavailable = Сейчас мы не можем отправить код этим способом. Попробуйте другой.
error-server_busy = Сейчас сервис перегружен. Попробуйте ещё раз через минуту.
error-reauthentication_required = Чтобы внести это изменение, введите текущий пароль.
error-unauthenticated = Войдите, чтобы продолжить.
error-not_found = Ничего не найдено.
error-unsupported_media_type = Этот формат запроса не поддерживается.
error-payload_too_large = Слишком большой запрос.
error-malformed_json = Не удалось прочитать запрос.
error-csrf_failed = Форма была открыта слишком долго или отправлена с другого сайта. Вернитесь назад, обновите страницу и попробуйте ещё раз.
error-internal = У нас что-то сломалось. Попробуйте позже.

password-too_short = Используйте не менее { $min } символов.
password-too_long = Пароль слишком длинный.
password-common = Это слишком распространённый пароль. Выберите такой, которым вряд ли пользуются другие.
password-guessable = Такой пароль легко угадать. Добавьте ещё несколько не связанных между собой слов.
password-same_as_current = Новый пароль должен отличаться от текущего.

strength-weak = Слабый
strength-medium = Средний
strength-strong = Надёжный
