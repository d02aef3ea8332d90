# Browser pages: layout, forms, settings. Keys are grouped by page.

## Layout
skip-to-content = 跳到主要内容
language-switcher-label = 语言

## Fields shared by several forms
field-identifier = 邮箱或手机号
field-identifier-help = 例如 zhang@example.com 或 +86 138 0013 8000。
field-password = 密码
field-new-password = 密码
field-new-password-help = 至少 { $min } 个字符。几个互不相关的词组合起来，既安全又好记。
field-password-confirm = 再次输入密码
field-name = 您的姓名（选填）
field-code = 6 位验证码
field-code-help = 只填数字，不要有空格。

## Password field helpers (shown by the page script)
password-show = 显示密码
password-capslock = 大写锁定已打开。
password-layout = 您的键盘似乎切换到了其他语言或输入法。密码将完全按您输入的内容使用。
password-mismatch = 两次输入的密码不一致。
strength-title = 密码强度

## Registration
register-title = 注册账号
register-intro = 使用邮箱或手机号注册。我们会发送验证码进行确认。
register-submit = 注册
register-have-account = 已有账号？
register-sign-in-link = 登录

## Verification
verify-title = 输入验证码
verify-intro = 我们已向 { $destination } 发送了 6 位验证码，通常一分钟内送达，15 分钟内有效。
verify-intro-generic = 我们已向您发送了 6 位验证码，通常一分钟内送达，15 分钟内有效。
verify-submit = 确认
verify-no-code-title = 没有收到验证码？
verify-no-code = 请检查垃圾邮件文件夹。如果仍未收到，可以重新获取；之前的验证码仍然有效。
verify-resend = 重新发送验证码
verify-resend-wait = { $seconds } 秒后可重新获取验证码
verify-resend-ready = 现在可以重新获取验证码了。
verify-resent = 新的验证码已发送。

## Sign-in
login-title = 登录
login-submit = 登录
login-forgot = 忘记密码？
login-with-code = 改用验证码登录
login-no-account = 第一次来？
login-register = 注册账号
login-signed-out = 您已退出登录。

## Account settings
settings-title = 我的账号
settings-signed-in-as = 当前登录账号：{ $who }
settings-contacts = 邮箱和手机号
settings-no-contacts = 尚未添加邮箱或手机号。
contact-email = 邮箱
contact-phone = 手机号
contact-verified = 已验证
contact-unverified = 未验证
contact-primary = 主要
settings-sessions = 已登录的设备
settings-sessions-intro = 以下浏览器和应用已登录您的账号。如有不认识的设备，请将其退出登录并修改密码。
session-current = 当前设备
session-signed-in = 登录时间
session-last-seen = 最近活动
session-place = 地点
session-unknown-device = 未知设备
session-sign-out = 退出此设备
settings-sign-out-others = 退出其他所有设备
settings-no-other-sessions = 没有其他已登录的设备。
settings-session-signed-out = 该设备已退出登录。
settings-others-signed-out = 其他所有设备均已退出登录。
settings-sign-out = 退出登录

## Other pages
not-found-title = 页面不存在
not-found-body = 您要找的页面不存在或已被移动。
not-found-home = 前往登录
page-error-title = 出错了
csrf-title = 请重试
back-to-sign-in = 前往登录
try-again = 重试
# The wait of a refused page (its Retry-After), in words, rounded up; $count is a number.
retry-in-seconds = { $count ->
   *[other] 请在 { $count } 秒后重试。
}
retry-in-minutes = { $count ->
   *[other] 请在 { $count } 分钟后重试。
}
retry-in-hours = { $count ->
   *[other] 请在 { $count } 小时后重试。
}
page-too-soon = 暂时还不能发送新验证码。

## Password recovery and sign-in by code
recovery-title = 忘记密码？
recovery-intro = 请输入账号绑定的邮箱或手机号，我们会发送 6 位验证码，用于设置新密码。
recovery-submit = 发送验证码
reset-title = 设置新密码
reset-intro = 保存后，其他所有设备都将退出登录。
reset-submit = 保存新密码
reset-done-title = 密码已修改
reset-done-body = 现在可以使用新密码登录。其他所有设备均已退出登录。
login-code-title = 验证码登录
login-code-intro = 请输入邮箱或手机号，我们会发送 6 位验证码，无需密码即可登录。
login-code-submit = 发送验证码
verify-code-format = 请输入消息中的 6 位验证码。

## Security settings: changing the password while signed in
settings-security = 安全
settings-security-link = 修改密码
security-title = 账号安全
security-back = 返回我的账号
security-password-title = 修改密码
security-password-intro = 保存新密码后，其他所有设备都将退出登录，我们也会通过邮件或短信通知您。
field-current-password = 当前密码
field-current-password-help = 如果您在 { $minutes } 分钟内登录过，可以留空。
security-new-password = 新密码
security-password-submit = 修改密码
security-password-changed = 您的密码已修改。其他所有设备均已退出登录。
security-current-wrong = 当前密码不正确。密码区分大小写。
security-current-needed = 请输入当前密码：您登录已超过 { $minutes } 分钟。
