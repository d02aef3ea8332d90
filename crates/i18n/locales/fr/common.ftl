test-greeting = Bonjour, { $name } !
