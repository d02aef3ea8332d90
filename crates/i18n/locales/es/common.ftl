test-greeting = ¡Hola, { $name }!
product-name = Latchkey
