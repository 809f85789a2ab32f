-- wrk script for scripts/bench: one request shape from the environment,
-- one summary line at the end:
--   <requests> <req/s> <p50 ms> <p99 ms> <non-2xx>
--   BENCH_METHOD (GET), BENCH_BODY (none), BENCH_AUTH (a bearer key)
wrk.method = os.getenv("BENCH_METHOD") or "GET"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Accept-Encoding"] = "br, gzip"
if wrk.body then wrk.headers["Content-Type"] = "application/json" end
local auth = os.getenv("BENCH_AUTH")
if auth then wrk.headers["Authorization"] = "Bearer " .. auth end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout
  io.write(string.format("%d %.0f %.2f %.2f %d\n", summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, bad))
end
