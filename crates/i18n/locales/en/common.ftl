# Strings shared by pages and messages.
test-greeting = Hello, { $name }!
product-name = Latchkey
