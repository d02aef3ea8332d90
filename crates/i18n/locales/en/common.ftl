# Strings shared by pages and messages.
test-greeting = Hello, { $name }!
