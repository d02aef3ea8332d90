# 信使发送的消息（邮件和短信）。验证码 15 分钟内有效。
# 参数：$sender（商店名称）、$code、$url、$address、$method。

## 所有邮件共用
message-code-label = 您的验证码
message-code-expires = 验证码 15 分钟内有效。
message-never-share = { $sender } 绝不会向您索要此验证码，请勿告诉任何人。
message-footer = 这是一封来自 { $sender } 的自动邮件。
message-button-sign-in = 登录
# A button in the plain-text part of an email.
message-link = { $label }：{ $url }

## 登录方式（欢迎邮件中使用）
message-method-password = 密码
message-method-code = 一次性验证码
message-method-passkey = 通行密钥
message-method-google = Google 账号
message-method-apple = Apple 账号
message-method-facebook = Facebook 账号
message-method-vk = VK 账号
message-method-alipay = 支付宝账号

## 注册验证码
message-registration-code-subject = 确认您在 { $sender } 的邮箱地址
message-registration-code-heading = 确认您的邮箱地址
message-registration-code-intro = 感谢您注册 { $sender }。请输入以下验证码以完成账号创建：
message-registration-code-ignore = 如果您没有尝试创建账号，请忽略此邮件：没有此验证码，不会创建任何账号。
message-registration-code-sms = { $code } 是您的 { $sender } 验证码，15 分钟内有效。

## 有人尝试用已注册的地址注册
message-signup-attempt-subject = 有人尝试使用您的邮箱地址注册
message-signup-attempt-heading = 您已经有账号了
message-signup-attempt-body = 有人尝试使用此邮箱地址创建 { $sender } 账号。该地址已有账号，因此没有创建新账号。
message-signup-attempt-action = 如果是您本人，请前往 { $url } 登录或重置密码。
message-signup-attempt-ignore = 如果不是您本人，无需任何操作：您的账号没有任何变化。
message-signup-attempt-sms = 有人尝试用此号码注册 { $sender }，但您已有账号。如需登录或重置密码，请访问 { $url }

## 验证新添加或未验证的地址
message-verification-code-subject = 验证您在 { $sender } 的邮箱地址
message-verification-code-heading = 验证您的邮箱地址
message-verification-code-intro = 请输入以下验证码，确认此地址归您所有：
message-verification-code-ignore = 如果这不是您发起的请求，请忽略此邮件：没有此验证码，该地址不会通过验证。
message-verification-code-sms = { $code } 是您的 { $sender } 验证码，15 分钟内有效。

## 免密码登录验证码
message-login-code-subject = 您的 { $sender } 登录验证码
message-login-code-heading = 您的登录验证码
message-login-code-intro = 有人请求使用此地址登录 { $sender }。如果是您本人，请输入以下验证码：
message-login-code-ignore = 如果不是您本人，请忽略此邮件：没有此验证码，任何人都无法登录。
message-login-code-sms = { $code } 是您的 { $sender } 登录验证码，15 分钟内有效。请勿告诉他人。

## 注册后的欢迎消息
message-welcome-subject = 欢迎使用 { $sender }
message-welcome-heading = 欢迎使用 { $sender }！
message-welcome-intro = 您的账号已创建完成。
message-welcome-address = 您的账号：{ $address }
message-welcome-method = 登录方式：{ $method }
message-welcome-settings = 您可以在账号设置中添加其他登录方式，例如通行密钥。
message-welcome-sms = 欢迎使用 { $sender }！您的账号：{ $address }。登录方式：{ $method }。

## 未验证的地址已被移除：其他人证明了该地址归其所有
message-contact-removed-subject = 您的 { $sender } 账户中一个未验证的地址已被移除
message-contact-removed-heading = 您账户中的一个地址已被移除
message-contact-removed-body = { $address } 曾列在您的 { $sender } 账户中，但从未验证。现在有人证明了该地址归其所有，因此它已从您的账户中移除。
message-contact-removed-action = 如果它属于您，请在 { $url } 登录并重新添加：您需要用验证码确认它。
message-contact-removed-ignore = 您账户的其他内容均未改变。
message-contact-removed-sms = { $sender }：{ $address } 已从您的账户中移除：它从未验证，而另一人已验证了它。

## 账户所有者申请删除账户；登录后删除已取消。
message-account-deletion-scheduled-subject = 您的 { $sender } 账户将于 { $date } 删除
message-account-deletion-scheduled-heading = 您的账户将被删除
message-account-deletion-scheduled-body = 您申请删除 { $sender } 账户。该账户将于 { $date }（UTC）连同您的联系方式、登录方式和设备一并删除。您已在所有设备上退出登录。
message-account-deletion-scheduled-cancel = 改变主意了？在此日期之前登录即可取消删除。
message-account-deletion-scheduled-not-you = 如果这不是您的申请，请立即登录以取消删除，并更改密码。
message-account-deletion-scheduled-sms = { $sender }：您的账户将于 { $date } 删除。在此之前登录即可取消。
message-account-deletion-cancelled-subject = 您的 { $sender } 账户不会被删除
message-account-deletion-cancelled-heading = 账户删除已取消
message-account-deletion-cancelled-body = 您已登录 { $sender } 账户，因此该账户不会被删除。如果仍想删除，请在账户设置中重新申请。
message-account-deletion-cancelled-not-you = 如果不是您本人登录，请立即更改密码。
message-account-deletion-cancelled-sms = { $sender }：您已登录，因此您的账户不会被删除。
