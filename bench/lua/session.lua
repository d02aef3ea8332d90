-- GET /api/session with a bearer token picked at random from the seeded ones.
-- args: <tokens file>
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
local tokens = {}
function init(args)
  for line in io.lines(args[1]) do tokens[#tokens + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)") or "0", 16) % 100000)
end
function request()
  local t = tokens[math.random(#tokens)]
  return wrk.format("GET", "/api/session", { ["Authorization"] = "Bearer " .. t })
end
