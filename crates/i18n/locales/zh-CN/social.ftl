# Social sign-in: the provider buttons, the link proof page (/login/link) and the
# linked accounts on the security page.

social-buttons-title = 或使用以下方式继续
social-continue-with = 通过 { $provider } 继续

social-link-title = 绑定您的 { $provider } 账号
social-link-intro = { $provider } 提供的邮箱是 { $email }。这里已有使用该邮箱的账号，因此在通过 { $provider } 登录该账号之前，请先证明该账号属于您。此操作只需进行一次。
social-link-password-title = 使用密码
social-link-password-submit = 确认并绑定
social-link-password-wrong = 这不是该账号的密码。
social-link-code-title = 使用邮箱验证码
social-link-code-intro = 我们会向 { $email } 发送一次性验证码。
social-link-code-send = 发送验证码到我的邮箱
social-link-code-sent = 我们已向 { $email } 发送了验证码，请在下方输入。
social-link-code-submit = 确认并绑定
social-link-code-expired = 该验证码已过期或已被使用，请重新获取。
social-link-passkey-title = 使用通行密钥
social-link-passkey-note = 该账号已设置通行密钥。此页面暂不支持通行密钥：请先在登录页面使用通行密钥登录，然后在安全设置中绑定 { $provider }。
social-link-passkey-signin = 使用通行密钥登录
social-link-cancel = 不是您本人？使用其他方式登录

social-linked-title = 已绑定的账号
social-linked-intro = 可用于登录的其他服务账号。
social-linked-none = 尚未绑定任何账号。
social-linked-email-label = 邮箱
social-linked-date-label = 绑定时间
social-linked-last-used-label = 上次使用
social-linked-never-used = 从未使用
social-unlink-button = 解除绑定
social-link-another = 绑定 { $provider }
social-linked-notice = 账号已绑定。今后您可以使用它登录。
social-unlinked-notice = 账号已解除绑定，无法再用它登录。
social-flow-expired = 此次登录已过期或已被使用，请重新开始。
