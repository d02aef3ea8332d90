# Бренд магазина на страницах. $shop — название магазина на этом языке.
brand-back-to = Вернуться в { $shop }
brand-links-label = Помощь и правила
brand-support = Помощь
brand-privacy = Конфиденциальность
brand-terms = Условия
