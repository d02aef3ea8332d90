test-greeting = Olá, { $name }!
