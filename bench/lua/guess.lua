-- POST /api/sessions with a wrong password, always for the same account: after the free
-- failures it is locked, and every further guess must be turned away before Argon2.
-- args: <identifier>
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local body = ""
function init(args)
  body = string.format('{"identifier":"%s","password":"wrong guess 12345"}', args[1])
end
function request()
  return wrk.format("POST", "/api/sessions", { ["Content-Type"] = "application/json" }, body)
end
