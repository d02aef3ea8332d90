# 密码找回相关消息。参数：$sender、$code、$url、$link、$methods。

## 通用
message-list-separator = {"、"}
message-method-email_code = 电子邮件一次性验证码
message-method-sms_code = 短信一次性验证码
message-button-reset = 重置密码
message-button-not-me = 这不是我

## 找回验证码（电子邮件中还有重置链接）
message-recovery-code-subject = 重置您的 { $sender } 密码
message-recovery-code-heading = 重置密码
message-recovery-code-intro = 有人请求重置您的 { $sender } 账户密码。如果是您本人，请输入此验证码，或点击下方按钮设置新密码。
message-recovery-code-ignore = 如果不是您本人的请求，请忽略此消息：没有此验证码，密码不会更改。
message-recovery-code-sms = { $code } 是您的 { $sender } 密码重置验证码，15 分钟内有效。

## 密码已更改
message-password-changed-subject = 您的 { $sender } 密码已更改
message-password-changed-heading = 您的密码已更改
message-password-changed-body = 您的 { $sender } 账户密码刚刚已更改，其他已登录的设备均已退出登录。
message-password-changed-not-you = 如果不是您本人操作，请立即点击下方按钮：它会让所有人退出登录，并在您重置密码之前阻止登录。
message-password-changed-ignore = 如果是您本人操作，则无需任何操作。
message-password-changed-sms = 您的 { $sender } 密码已更改。不是您本人？{ $link }

## 账户使用哪种登录方式
message-method-hint-subject = 如何登录 { $sender }
message-method-hint-heading = 您的登录方式
message-method-hint-body = 有人请求帮助使用此地址登录您的 { $sender } 账户。
message-method-hint-methods = 您的账户登录方式：{ $methods }。
message-method-hint-how = 要登录，请前往 { $url } 并使用其中一种方式。使用一次性验证码时，输入此地址，我们会向您发送验证码。如果列表中没有密码，则无需重置密码：登录后可在账户设置中添加密码。
message-method-hint-sms = { $sender }：您的账户登录方式：{ $methods }。登录：{ $url }

## 没有账户的地址
message-no-account-subject = 没有使用此地址的 { $sender } 账户
message-no-account-heading = 此地址没有账户
message-no-account-body = 有人在 { $sender } 为此电子邮件地址请求重置密码或查询登录方式，但没有任何账户使用此地址。
message-no-account-other = 如果是您本人，您可能使用了其他地址或手机号码注册。您也可以使用此地址创建新账户。
message-no-account-ignore = 如果不是您本人，请忽略此消息。
message-no-account-sms = 有人查询此号码的 { $sender } 账户，但该账户不存在。

## 已被封禁的账户
message-account-blocked-help-subject = 您的 { $sender } 账户已被封禁
message-account-blocked-help-heading = 您的账户已被封禁
message-account-blocked-help-body = 有人请求重置您的 { $sender } 账户密码。该账户已被封禁，因此无法通过这种方式重置密码。
message-account-blocked-help-support = 请联系 { $sender } 客服以恢复账户访问。
message-account-blocked-help-sms = 您的 { $sender } 账户已被封禁。请联系 { $sender } 客服恢复访问。

## 页面
recovery-other-ways-title = 其他验证方式
recovery-phone-label = 改为发送到我的手机
recovery-phone-help = 请输入您账户的完整手机号码，例如 +1 555 123 4567。如果它是您账户已验证的号码，验证码将以短信发送到该号码。
recovery-phone-invalid = 请输入完整的手机号码（含国家代码），例如 +1 555 123 4567。
recovery-send-to-phone = 将验证码以短信发送到此号码
recovery-email-label = 改为发送到我的邮箱
recovery-email-help = 请输入您账户的完整邮箱地址。如果它是您账户已验证的地址，验证码将发送到该地址。
recovery-email-invalid = 请输入完整的邮箱地址，例如 ann@example.com。
recovery-send-to-email = 将验证码发送到此地址
report-title = 这不是我
report-intro = 如果是其他人更改了您的密码，请在下方确认。您账户的所有会话都将退出，在您重置密码之前任何人都无法登录。
report-submit = 让所有人退出并阻止登录
report-done-title = 您的账户已受保护
report-done-body = 所有人均已退出登录，登录已被阻止。请重置密码以重新登录。
login-which-method = 我之前用哪种方式登录？
method-hint-title = 我之前用哪种方式登录？
method-hint-intro = 输入您可能使用过的电子邮件地址或手机号码。如果有账户使用它，我们会发送一条列出其登录方式的消息。
method-hint-submit = 发送我的登录方式
method-hint-sent-title = 请查看您的消息
method-hint-sent-body = 如果有账户使用此地址或号码，列出其登录方式的消息正在发送中。
