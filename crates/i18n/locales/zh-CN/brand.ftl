# 页面上的商店品牌。$shop 是商店在此语言中的名称。
brand-back-to = 返回{ $shop }
brand-links-label = 帮助与政策
brand-support = 帮助
brand-privacy = 隐私
brand-terms = 条款
