## 设备与活动（#12）：/settings/devices、/settings/activity、新设备登录通知。

devices-title = 您的设备
devices-card-intro = 查看您的账号在哪些设备上登录，将设备退出登录，或忘记已记住的设备。
devices-link = 管理您的设备
devices-remembered-title = 已记住的设备
devices-remembered-intro = 这些设备登录时会跳过第二步验证。不再使用的设备请忘记它。

activity-title = 安全活动
activity-intro = 您账号最近的登录和更改，最新的在前。如有不是您本人的操作，请修改密码。
activity-card-intro = 最近的登录、失败的尝试和账号更改。
activity-link = 查看安全活动
activity-none = 您的账号还没有任何活动。
activity-when = 时间
activity-device = 设备
activity-place = 地点
activity-address = 地址

event-identity-created = 账号已创建
event-session-created = 已登录
event-signin-failed = 密码错误
event-identity-locked = 尝试次数过多，登录已锁定
event-identity-unlocked = 登录已解锁
event-recovery-requested = 已申请重置密码
event-recovery-completed = 密码已重置
event-password-changed = 密码已更改
event-email-changed = 邮箱地址已更改
event-phone-changed = 手机号码已更改
event-mfa-enabled = 已添加第二因素
event-mfa-disabled = 已移除第二因素
event-provider-linked = 已关联账号
event-provider-unlinked = 已取消关联账号
event-identity-blocked = 账号已封禁
event-identity-unblocked = 账号已解封
event-identity-deleted = 账号已删除
event-contact-dropped = 联系方式已移除

## 新设备登录
message-new-device-subject = 您的 { $sender } 账号有新的登录
message-new-device-heading = 有新设备登录
message-new-device-body = 您的 { $sender } 账号刚刚在一台从未使用过的设备上登录。
message-new-device-details = 时间：{ $when }。设备：{ $device }。地址：{ $ip }。
message-new-device-details-place = 时间：{ $when }。设备：{ $device }。地点：{ $place }（{ $ip }）。
message-new-device-not-you = 如果不是您本人操作，请立即点击下方按钮：它会让所有人退出登录，并在您重置密码之前阻止登录。
message-new-device-ignore = 如果是您本人，无需任何操作。
message-new-device-sms = 您的 { $sender } 账号在新设备上登录。不是您本人？{ $link }
