test-greeting = Здравствуйте, { $name }!
product-name = Latchkey
