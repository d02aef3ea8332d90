test-greeting = ¡Hola, { $name }!
