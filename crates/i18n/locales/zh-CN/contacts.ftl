# 更换邮箱和手机号（issue #12）：联系方式页面、撤销页面及其消息。
# 消息参数：$sender（商店名称）、$code、$address、$link。

## 新地址的验证码
message-contact-code-subject = 确认您在 { $sender } 的新地址
message-contact-code-heading = 确认您的新地址
message-contact-code-intro = 输入此验证码，将此地址添加到您的 { $sender } 账户：
message-contact-code-ignore = 如果不是您本人操作，请忽略此消息：没有此验证码，地址不会被添加。
message-contact-code-sms = { $code } 是您在 { $sender } 添加此号码的验证码，15 分钟内有效。

## 有人试图添加属于另一个账户的地址
message-address-in-use-subject = 有人试图在 { $sender } 使用您的地址
message-address-in-use-heading = 有人试图添加您的地址
message-address-in-use-body = 有人试图将此地址添加到另一个 { $sender } 账户。地址未被添加，仍属于您的账户。
message-address-in-use-ignore = 您无需进行任何操作。如果反复收到此消息，建议更改密码。
message-address-in-use-sms = { $sender }：有人试图将此号码添加到另一个账户，没有任何更改。

## 主要邮箱已更改（发往旧地址，附撤销链接）
message-email-changed-subject = 您的 { $sender } 账户邮箱已更改
message-email-changed-heading = 您的邮箱地址已更改
message-email-changed-body = 您的 { $sender } 账户邮箱现在是 { $address }，账户消息将发送到该地址。
message-email-changed-not-you = 如果不是您本人操作，请在 7 天内点击下方按钮：它会恢复此地址、移除 { $address } 并退出所有会话。
message-email-changed-ignore = 如果是您本人操作，则无需任何处理。
message-email-changed-sms = { $sender }：您的邮箱已改为 { $address }。不是您本人？{ $link }

## 主要手机号已更改（发往旧号码）
message-phone-changed-subject = 您的 { $sender } 账户手机号已更改
message-phone-changed-heading = 您的手机号已更改
message-phone-changed-body = 您的 { $sender } 账户手机号现在是 { $address }。
message-phone-changed-not-you = 如果不是您本人操作，请立即点击下方按钮：它会退出所有会话，并在您重置密码前阻止登录。
message-phone-changed-sms = { $sender }：您的手机号已更改。不是您本人？{ $link }

## 更改已撤销（发往两个地址）
message-email-reverted-subject = 您的 { $sender } 账户邮箱已恢复
message-email-reverted-heading = 您的邮箱地址已恢复
message-email-reverted-body = 您的 { $sender } 账户邮箱已恢复为 { $address }，替换它的地址已被移除。所有设备均已退出登录。
message-email-reverted-advice = 请重新登录。如果地址不是您本人更改的，请同时更改密码。
message-email-reverted-sms = { $sender }：您的邮箱已恢复为 { $address }，所有设备均已退出登录。

## 联系方式页面（/settings/contacts）
contacts-heading = 邮箱和手机号
contacts-intro = 您用于登录和接收消息的地址。
contacts-manage = 管理邮箱和手机号
contacts-yours = 您的地址
contacts-make-primary = 设为主要
contacts-remove = 移除
contacts-add-email = 添加邮箱地址
contacts-add-phone = 添加手机号
contacts-new-email = 新邮箱地址
contacts-new-phone = 新手机号
contacts-as-primary = 设为我的主要地址
contacts-send-code = 发送验证码
contacts-code-title = 输入验证码
contacts-code-intro = 我们已向 { $address } 发送 6 位验证码。输入验证码即可添加该地址。
contacts-added = 地址已添加。
contacts-removed = 地址已移除。
contacts-primary-changed = 您的主要地址已更改。
contacts-back = 返回邮箱和手机号

## 撤销页面（/revert）
revert-title = 撤销邮箱更改
revert-intro = { $address } 将恢复为您账户的邮箱地址，所有设备都将退出登录。
revert-removes = { $address } 将从您的账户中移除。
revert-submit = 撤销更改
revert-done-title = 您的邮箱地址已恢复
revert-done = { $address } 已恢复为您的邮箱地址。所有设备均已退出登录，请重新登录。
revert-invalid-title = 此链接已失效
revert-invalid = 撤销链接仅可使用一次，有效期 7 天。请登录以查看您账户的地址。
