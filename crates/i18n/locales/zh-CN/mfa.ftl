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

## Pages
# Arguments in pages: $days (how long a device is remembered), $count, $minutes.

## Sign-in: passkeys first
passkey-signin-button = 使用通行密钥登录
passkey-signin-or = 或
passkey-signin-failed = 该通行密钥无法使用。请重试，或改用其他方式登录。

## The second step of a sign-in (/login/mfa)
mfa-page-title = 确认是您本人
mfa-page-intro = 密码正确。请选择以下任一方式完成登录。
mfa-passkey-heading = 通行密钥
mfa-passkey-button = 使用通行密钥
mfa-totp-heading = 身份验证器应用
mfa-totp-label = 身份验证器应用中的验证码
mfa-totp-help = 打开应用，输入其中为此账号显示的 6 位验证码。
mfa-remember-label = 记住此设备 { $days } 天
mfa-remember-help = 在共用或公共电脑上请勿勾选。
mfa-submit = 继续
mfa-send-heading = 通过消息获取验证码
mfa-send-sms-button = 发送验证码到我的手机
mfa-send-email-button = 发送验证码到我的邮箱
mfa-sent-sms = 验证码已发送到您的手机，15 分钟内有效。
mfa-sent-email = 验证码已发送到您的邮箱，15 分钟内有效。
mfa-code-label = 消息中的验证码
mfa-code-help = 请输入我们发送给您的 6 位验证码。
mfa-recovery-summary = 手机丢了？使用恢复码
mfa-recovery-label = 恢复码
mfa-recovery-help = 开启双重验证时您保存的恢复码之一。每个恢复码只能使用一次。
mfa-code-missing = 请输入验证码。
mfa-start-over = 重新登录

## Security settings: second factors, passkeys, remembered devices
security-mfa-title = 双重验证
security-mfa-intro = 在密码之后再加一步验证，即使有人知道了您的密码，您的账号也依然安全。
totp-section-title = 身份验证器应用
totp-state-on = 已开启：登录时需要输入身份验证器应用中的验证码。
totp-state-off = 未开启：尚未设置身份验证器应用。
totp-setup-link = 设置身份验证器应用
totp-remove-button = 移除身份验证器应用
totp-added-notice = 身份验证器应用已设置。现在登录时需要输入其中的验证码。
totp-removed-notice = 身份验证器应用已移除。
recovery-codes-section-title = 恢复码
recovery-codes-count = { $count ->
   *[other] 剩余 { $count } 个恢复码
}
recovery-codes-warning = 注意：恢复码所剩不多。请生成一组新的恢复码，以免手机丢失后无法登录。
recovery-codes-regenerate-button = 生成新的恢复码
recovery-codes-regenerate-help = 生成新的恢复码后，旧的恢复码将立即失效。
passkey-section-title = 通行密钥
passkey-section-intro = 使用指纹、面容或屏幕锁代替密码登录。
passkey-none = 您还没有通行密钥。
passkey-unnamed = 通行密钥
passkey-created-label = 添加时间
passkey-last-used-label = 上次使用
passkey-never-used = 从未使用
passkey-remove-button = 移除
passkey-removed-notice = 通行密钥已移除。
passkey-name-label = 新通行密钥的名称（可选）
passkey-name-help = 例如“工作笔记本”，方便您区分各个通行密钥。
passkey-add-button = 添加通行密钥
passkey-needs-js = 添加通行密钥需要 JavaScript 和支持通行密钥的浏览器。
passkey-add-failed = 无法添加通行密钥。请重试。
trusted-devices-title = 已记住的设备
trusted-devices-intro = 在所示日期之前，这些设备登录时无需第二步验证。
trusted-devices-none = 没有已记住的设备。
trusted-devices-unknown = 未知设备
trusted-devices-added-label = 记住时间
trusted-devices-last-used-label = 上次使用
trusted-devices-expires-label = 有效期至
trusted-devices-revoke-button = 忘记此设备
trusted-devices-revoke-all-button = 忘记所有设备
trusted-devices-revoked-notice = 该设备登录时将再次要求第二步验证。
trusted-devices-all-revoked-notice = 所有设备登录时都将再次要求第二步验证。

## Setting up an authenticator app (/settings/security/totp)
totp-setup-title = 设置身份验证器应用
totp-setup-scan = 请用身份验证器应用扫描此二维码，例如密码管理器中内置的验证器。
totp-qr-alt = 用于将您的账号添加到身份验证器应用的二维码
totp-secret-label = 无法扫描？请在应用中手动输入此密钥：
totp-code-label = 应用当前显示的 6 位验证码
totp-code-help = 验证码每 30 秒更新一次，请输入当前的验证码。
totp-confirm-button = 开启
totp-retry-hint = 已在应用中添加了账号？请输入应用当前显示的验证码。如果还没有，请使用新的二维码重新开始。
totp-start-again = 使用新的二维码重新开始
totp-cancel = 取消

## Recovery codes, shown once
recovery-codes-page-title = 保存您的恢复码
recovery-codes-page-intro = 如果手机丢失，每个恢复码都可让您登录一次。请将它们保存在安全的地方（例如密码管理器），或打印出来。
recovery-codes-shown-once = 这些恢复码仅显示这一次。之前的恢复码已失效。
recovery-codes-done-link = 我已保存恢复码

## Confirm it's you (/settings/reauthenticate)
reauth-title = 确认是您本人
reauth-intro = 为了您的安全，修改登录方式前请先确认是您本人。{ $minutes } 分钟内不会再次询问。
reauth-password-label = 您的密码
reauth-totp-label = 或身份验证器应用中的验证码
reauth-totp-help = 请输入密码或 6 位验证码，只需其中一项。
reauth-submit-button = 确认
reauth-password-wrong = 密码不正确。密码区分大小写。
reauth-empty = 请输入密码或验证码。
