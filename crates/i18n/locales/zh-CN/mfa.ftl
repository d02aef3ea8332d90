# 双重验证和通行密钥（issue #10）：消息和页面。
# 消息参数：$sender（商店名称）、$code、$factor（验证方式名称）、
# $left（剩余恢复码数量）、$when、$place、$device。

## 验证方式名称（消息中提到某种方式时使用）
message-method-totp = 身份验证器应用
message-method-recovery_codes = 恢复码

## 登录第二步的验证码
message-second-factor-code-subject = 您的 { $sender } 验证码
message-second-factor-code-heading = 确认是您本人
message-second-factor-code-intro = 您的密码输入正确。请输入以下验证码以完成登录 { $sender }：
message-second-factor-code-ignore = 如果不是您本人，说明有人知道您的密码：请立即修改密码。没有此验证码，任何人都无法登录。
message-second-factor-code-sms = { $code } 是您的 { $sender } 登录验证码，15 分钟内有效。请勿告诉他人。

## 密码正确，但第二步验证失败
message-second-factor-failed-subject = 有人输入了您的 { $sender } 密码
message-second-factor-failed-heading = 是您本人吗？
message-second-factor-failed-body = 有人正确输入了您的密码，但未通过登录 { $sender } 的第二步验证。
message-second-factor-failed-details = 时间：{ $when }。位置：{ $place }。设备：{ $device }。
message-second-factor-failed-advice = 如果不是您本人，请立即修改密码：第二步验证拦住了对方，但对方知道您的密码。
message-second-factor-failed-sms = 有人输入了您的 { $sender } 密码，但未通过第二步验证。如果不是您本人，请立即修改密码。

## 使用了恢复码
message-recovery-code-used-subject = 您的 { $sender } 账号使用了一个恢复码
message-recovery-code-used-heading = 已使用一个恢复码
message-recovery-code-used-body = 刚刚有人使用您的一个恢复码登录了 { $sender }。每个恢复码只能使用一次。
message-recovery-code-used-left = 剩余恢复码：{ $left } 个。您可以在账号安全设置中生成一组新的恢复码。
message-recovery-code-used-not-you = 如果不是您本人，请立即修改密码并生成新的恢复码。
message-recovery-code-used-sms = 刚刚有人使用 { $sender } 恢复码登录。剩余恢复码：{ $left } 个。不是您本人？请立即修改密码。

## 添加或移除了第二重验证方式或通行密钥
message-factor-added-subject = 您的 { $sender } 账号添加了一种登录方式
message-factor-added-heading = 已添加一种登录方式
message-factor-added-body = 您的 { $sender } 账号添加了以下登录方式：{ $factor }。
message-factor-added-not-you = 如果不是您本人，请登录并将其移除，然后修改密码。
message-factor-added-sms = 您的 { $sender } 账号添加了登录方式：{ $factor }。不是您本人？请登录并将其移除。
message-factor-removed-subject = 您的 { $sender } 账号移除了一种登录方式
message-factor-removed-heading = 已移除一种登录方式
message-factor-removed-body = 您的 { $sender } 账号移除了以下登录方式：{ $factor }。
message-factor-removed-not-you = 如果不是您本人，请登录、修改密码，然后重新设置该方式。
message-factor-removed-sms = 您的 { $sender } 账号移除了登录方式：{ $factor }。不是您本人？请立即修改密码。
