-- wrk script: POSTs the real pins to /pins as NDJSON, BATCH pins per request.
--   wrk -s bulk.lua http://127.0.0.1:8080 -- PINS_JSONL BATCH
local batches = {}
local batch_size = 500
local next_batch = 0

function init(args)
  local pins = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      pins[#pins + 1] = line
    end
  end
  batch_size = tonumber(args[2] or batch_size)
  local offset = 0
  for b = 1, 8 do
    local lines = {}
    for i = 1, batch_size do
      lines[i] = pins[(offset + i - 1) % #pins + 1]
    end
    offset = offset + batch_size
    batches[b] = table.concat(lines, "\n") .. "\n"
  end
end

function request()
  next_batch = next_batch % #batches + 1
  return wrk.format("POST", "/pins", { ["Content-Type"] = "application/x-ndjson" }, batches[next_batch])
end

function done(summary, latency, requests)
  local seconds = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format("RESULT requests=%d rps=%.1f p50_ms=%.2f p99_ms=%.2f non2xx=%d errors=%d\n",
    summary.requests, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
