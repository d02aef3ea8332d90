-- POST /api/sessions with the password of a random seeded account.
-- args: <accounts> <password> [mean think time in ms between a connection's requests]
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local accounts, password, think = 1, "", 0
function init(args)
  accounts = tonumber(args[1])
  password = args[2]
  think = tonumber(args[3] or "0")
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end
function request()
  local body = string.format('{"identifier":"user%d@bench.example.com","password":"%s"}',
    math.random(accounts) - 1, password)
  return wrk.format("POST", "/api/sessions", { ["Content-Type"] = "application/json" }, body)
end
-- Exponential think time: with several connections the arrivals are close to Poisson.
function delay()
  if think <= 0 then return 0 end
  return math.floor(-think * math.log(1 - math.random()))
end
