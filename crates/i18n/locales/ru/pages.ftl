# Browser pages: layout, forms, settings. Keys are grouped by page.

## Layout
skip-to-content = Перейти к основному содержимому
language-switcher-label = Язык

## Fields shared by several forms
field-identifier = Электронная почта или номер телефона
field-identifier-help = Например, anna@example.com или +7 912 345-67-89.
field-password = Пароль
field-new-password = Пароль
field-new-password-help = Не менее { $min } символов. Несколько не связанных между собой слов — надёжный пароль, который легко запомнить.
field-password-confirm = Повторите пароль
field-name = Ваше имя (необязательно)
field-code = Код из 6 цифр
field-code-help = Только цифры, без пробелов.

## Password field helpers (shown by the page script)
password-show = Показать пароль
password-capslock = Включён Caps Lock.
password-layout = Похоже, на клавиатуре включена другая раскладка. Пароль будет принят в точности так, как введён.
password-mismatch = Пароли не совпадают.
strength-title = Надёжность пароля

## Registration
register-title = Регистрация
register-intro = Укажите адрес электронной почты или номер телефона. Мы пришлём код, чтобы его подтвердить.
register-submit = Зарегистрироваться
register-have-account = Уже есть аккаунт?
register-sign-in-link = Войти

## Verification
verify-title = Введите код
verify-intro = Мы отправили код из 6 цифр на { $destination }. Обычно он приходит в течение минуты и действует 15 минут.
verify-intro-generic = Мы отправили вам код из 6 цифр. Обычно он приходит в течение минуты и действует 15 минут.
verify-submit = Подтвердить
verify-no-code-title = Код не пришёл?
verify-no-code = Проверьте папку «Спам». Если кода нет, запросите новый — прежние коды тоже продолжат действовать.
verify-resend = Отправить новый код
verify-resend-wait = Новый код можно запросить через { $seconds } с
verify-resend-ready = Теперь можно запросить новый код.
verify-resent = Новый код уже в пути.

## Sign-in
login-title = Вход
login-submit = Войти
login-forgot = Забыли пароль?
login-with-code = Войти по коду
login-no-account = Впервые здесь?
login-register = Создать аккаунт
login-signed-out = Вы вышли из аккаунта.

## Account settings
settings-title = Ваш аккаунт
settings-signed-in-as = Вы вошли как { $who }
settings-contacts = Адреса электронной почты и номера телефонов
settings-no-contacts = Пока нет ни адреса почты, ни номера телефона.
contact-email = Почта
contact-phone = Телефон
contact-verified = Подтверждён
contact-unverified = Не подтверждён
contact-primary = Основной
settings-sessions = Устройства, на которых выполнен вход
settings-sessions-intro = В этих браузерах и приложениях выполнен вход в ваш аккаунт. Если какое-то устройство вам незнакомо, завершите на нём сеанс и смените пароль.
session-current = Это устройство
session-signed-in = Вход выполнен
session-last-seen = Последняя активность
session-place = Место
session-unknown-device = Неизвестное устройство
session-sign-out = Выйти на этом устройстве
settings-sign-out-others = Выйти на всех других устройствах
settings-no-other-sessions = На других устройствах вход не выполнен.
settings-session-signed-out = Сеанс на устройстве завершён.
settings-others-signed-out = Сеансы на всех других устройствах завершены.
settings-sign-out = Выйти

## Other pages
not-found-title = Страница не найдена
not-found-body = Такой страницы нет, или она была перемещена.
not-found-home = Перейти ко входу
page-error-title = Что-то пошло не так
csrf-title = Попробуйте ещё раз
back-to-sign-in = Перейти ко входу
try-again = Попробовать снова
# The wait of a refused page (its Retry-After), in words, rounded up; $count is a number.
retry-in-seconds = { $count ->
    [one] Повторите попытку через { $count } секунду.
    [few] Повторите попытку через { $count } секунды.
    [many] Повторите попытку через { $count } секунд.
   *[other] Повторите попытку через { $count } секунды.
}
retry-in-minutes = { $count ->
    [one] Повторите попытку через { $count } минуту.
    [few] Повторите попытку через { $count } минуты.
    [many] Повторите попытку через { $count } минут.
   *[other] Повторите попытку через { $count } минуты.
}
retry-in-hours = { $count ->
    [one] Повторите попытку через { $count } час.
    [few] Повторите попытку через { $count } часа.
    [many] Повторите попытку через { $count } часов.
   *[other] Повторите попытку через { $count } часа.
}
page-too-soon = Новый код пока нельзя отправить.

## Password recovery and sign-in by code
recovery-title = Забыли пароль?
recovery-intro = Укажите адрес электронной почты или номер телефона вашего аккаунта. Мы пришлём код из 6 цифр, чтобы задать новый пароль.
recovery-submit = Отправить код
reset-title = Придумайте новый пароль
reset-intro = После сохранения на всех других устройствах будет выполнен выход.
reset-submit = Сохранить новый пароль
reset-done-title = Пароль изменён
reset-done-body = Теперь можно войти с новым паролем. На всех других устройствах выполнен выход.
login-code-title = Вход по коду
login-code-intro = Укажите адрес электронной почты или номер телефона. Мы пришлём код из 6 цифр для входа — пароль не понадобится.
login-code-submit = Отправить код
verify-code-format = Введите код из 6 цифр из сообщения.

## Security settings: changing the password while signed in
settings-security = Безопасность
settings-security-link = Сменить пароль
security-title = Безопасность
security-back = Назад к аккаунту
security-password-title = Смена пароля
security-password-intro = После сохранения нового пароля на всех других устройствах будет выполнен выход, а мы сообщим вам об этом по почте или в SMS.
field-current-password = Текущий пароль
field-current-password-help = Можно оставить пустым, если вы вошли менее { $minutes } мин назад.
security-new-password = Новый пароль
security-password-submit = Сменить пароль
security-password-changed = Пароль изменён. На всех других устройствах выполнен выход.
security-current-wrong = Текущий пароль указан неверно. В пароле важен регистр букв.
security-current-needed = Введите текущий пароль: с момента входа прошло больше { $minutes } мин.
