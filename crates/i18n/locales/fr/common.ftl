test-greeting = Bonjour, { $name } !
product-name = Latchkey
