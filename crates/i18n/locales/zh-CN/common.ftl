test-greeting = 你好，{ $name }！
product-name = Latchkey
