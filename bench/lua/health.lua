-- GET /health/alive: the server's own floor (routing, middleware, JSON).
dofile(os.getenv("BENCH_LUA_DIR") .. "/report.lua")
wrk.method = "GET"
wrk.path = "/health/alive"
