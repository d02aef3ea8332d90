test-greeting = 你好，{ $name }！
