-- POST /api/login-codes for a random seeded account: a flow, a code and an outbox row
-- in one transaction (the nearest existing path to POST /api/recovery).
-- args: <accounts>
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local accounts = 1
function init(args)
  accounts = tonumber(args[1])
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end
function request()
  local body = string.format('{"identifier":"user%d@bench.example.com"}', math.random(accounts) - 1)
  return wrk.format("POST", "/api/login-codes", { ["Content-Type"] = "application/json" }, body)
end
