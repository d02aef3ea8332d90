-- POST /api/recovery for a random seeded account: a recovery flow, its code, a reset link
-- token and the outbox row in one transaction.
-- args: <accounts>
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local accounts = 1
function init(args)
  accounts = tonumber(args[1])
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end
function request()
  local body = string.format('{"identifier":"user%d@bench.example.com"}', math.random(accounts) - 1)
  return wrk.format("POST", "/api/recovery", { ["Content-Type"] = "application/json" }, body)
end
