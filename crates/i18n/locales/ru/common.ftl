test-greeting = Здравствуйте, { $name }!
