# One message per API error code (`error-<code>`), password problems and strength labels.
error-invalid_input = 部分信息缺失或无效，请检查后重试。
error-invalid_identifier = 请输入有效的邮箱或手机号。
error-invalid_code = 验证码不正确。剩余尝试次数：{ $attempts_left }。
error-flow_expired = 验证码已过期，请重新开始以获取新的验证码。
error-too_many_attempts = 尝试次数过多。请稍后再试，或重置密码。
error-too_soon = 请等待 { $seconds } 秒后再获取新的验证码。
error-invalid_credentials = 邮箱、手机号或密码不正确。密码区分大小写。
error-weak_password = 请设置一个更安全的密码。
error-password_mismatch = 两次输入的密码不一致。
error-account_blocked = 此账号已被封禁。请重置密码或联系客服以恢复访问。
error-channel_unavailable = 目前无法通过此方式发送验证码，请换一种方式。
error-server_busy = 当前访问量过大，请稍后重试。
error-reauthentication_required = 为了您的安全，请再次确认是您本人（输入密码或身份验证器应用中的验证码）后再进行此更改。
error-unauthenticated = 请先登录。
error-not_found = 未找到相关内容。
error-unsupported_media_type = 不支持此请求格式。
error-payload_too_large = 请求内容过大。
error-malformed_json = 无法读取该请求。
error-csrf_failed = 表单打开时间过长或来自其他网站。请返回并刷新页面后重试。
error-internal = 我们这边出了点问题，请稍后重试。

password-too_short = 请至少使用 { $min } 个字符。
password-too_long = 密码过长。
password-common = 这个密码太常见了，请换一个别人不太可能使用的密码。
password-guessable = 这个密码很容易被猜到，请再加几个互不相关的词。
password-same_as_current = 新密码不能与当前密码相同。

strength-weak = 弱
strength-medium = 中
strength-strong = 强
error-invalid_credential = 无法验证该通行密钥。请重试，或使用其他方式登录。
error-already_registered = 该通行密钥已注册。
error-last_method = 无法移除：这是您账户的最后一种登录方式。请先添加其他方式。
