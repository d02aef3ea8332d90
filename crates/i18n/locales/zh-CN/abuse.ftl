# 防滥用：锁定通知、解锁页面、浏览器检查。

message-button-unlock = 解锁我的账户
message-account-locked-subject = 由于多次登录失败，您的 { $sender } 账户已被锁定
message-account-locked-heading = 我们暂时锁定了您的账户
message-account-locked-body = 有人多次为您的 { $sender } 账户输入了错误的密码，最近一次在 { $when }。为保护您的账户，我们暂停了一段时间的密码登录。
message-account-locked-where = 这些尝试来自网络地址 { $ip }。
message-account-locked-unlock = 如果是您本人，请使用此链接立即解锁账户。该链接只能使用一次，2 小时内有效：{ $unlock_url }
message-account-locked-reset = 如果不是您本人，可能有人在猜测您的密码：请将密码重置为一个您在其他地方从未使用过的新密码。
message-account-locked-not-me = 如果不是您本人，并且您认为有人可能已进入您的账户，请使用此链接：它会退出所有会话、取消所有受信任设备，并在您恢复账户之前禁止密码登录：{ $report_url }
message-account-locked-ignore = 您以前登录过的设备仍可正常登录。
message-account-locked-sms = { $sender }：来自 { $ip } 的多次密码错误，登录已暂停。解锁：{ $unlock_url } 不是您？请重置密码。

error-challenge_required = 请稍候，我们正在检查您的浏览器，然后请重试。
error-unlock_link_invalid = 此解锁链接已过期或已被使用。

unlock-title = 解锁您的账户
unlock-intro = 解锁账户后，您可以在此设备上再次使用密码登录。
unlock-submit = 解锁我的账户
unlock-done = 您的账户已解锁，现在可以登录了。
unlock-invalid = 此解锁链接已过期或已被使用。您仍然可以重置密码。
unlock-sign-in = 登录
unlock-reset = 重置密码
challenge-checking = 正在检查您的浏览器…
