-- wrk script: POSTs the real pins one per request, in turn, as the original client does.
--   wrk -s pin.lua http://127.0.0.1:8080 -- PINS_JSONL [PATH]
local bodies = {}
local path = "/pin/"
local next_body = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then
      bodies[#bodies + 1] = line
    end
  end
  path = args[2] or path
  next_body = math.random(#bodies)  -- threads start at different pins
end

function request()
  next_body = next_body % #bodies + 1
  return wrk.format("POST", path, { ["Content-Type"] = "application/json" }, bodies[next_body])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
