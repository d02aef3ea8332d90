test-greeting = Olá, { $name }!
product-name = Latchkey
