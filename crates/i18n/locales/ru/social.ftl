# Social sign-in: the provider buttons, the link proof page (/login/link) and the
# linked accounts on the security page.

social-buttons-title = Или продолжите через
social-continue-with = Продолжить через { $provider }

social-link-title = Привяжите аккаунт { $provider }
social-link-intro = По данным { $provider }, ваш адрес электронной почты — { $email }. Здесь уже есть аккаунт с этим адресом, поэтому, прежде чем входить в него через { $provider }, подтвердите, что аккаунт принадлежит вам. Это нужно сделать только один раз.
social-link-password-title = Использовать пароль
social-link-password-submit = Подтвердить и привязать
social-link-password-wrong = Неверный пароль от этого аккаунта.
social-link-code-title = Использовать код из письма
social-link-code-intro = Мы отправим одноразовый код на { $email }.
social-link-code-send = Прислать код на почту
social-link-code-sent = Мы отправили код на { $email }. Введите его ниже.
social-link-code-submit = Подтвердить и привязать
social-link-code-expired = Срок действия кода истёк, или он уже использован. Запросите новый.
social-link-passkey-title = Использовать ключ доступа
social-link-passkey-note = У этого аккаунта есть ключ доступа. На этой странице ключи доступа пока не работают: войдите с ключом доступа на странице входа, а затем привяжите { $provider } в настройках безопасности.
social-link-passkey-signin = Войти с ключом доступа
social-link-cancel = Это не вы? Войдите другим способом

social-linked-title = Привязанные аккаунты
social-linked-intro = Аккаунты в других сервисах, через которые можно войти.
social-linked-none = Привязанных аккаунтов пока нет.
social-linked-email-label = Почта
social-linked-date-label = Привязан
social-linked-last-used-label = Последнее использование
social-linked-never-used = Никогда
social-unlink-button = Отвязать
social-link-another = Привязать { $provider }
social-linked-notice = Аккаунт привязан. Теперь через него можно входить.
social-unlinked-notice = Аккаунт отвязан. Войти через него больше нельзя.
social-flow-expired = Этот вход устарел или уже был использован. Начните заново.
