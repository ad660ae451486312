-- wrk script (run with -t1): each request carries the next token of $TOKENS (one per line),
-- starting at line $OFFSET + 1, so that no token is sent twice in one benchmark.
local tokens = {}
for line in io.lines(os.getenv("TOKENS")) do
  tokens[#tokens + 1] = line
end
local i = tonumber(os.getenv("OFFSET") or "0")

request = function()
  i = i + 1
  if i > #tokens then
    i = 1 -- load.sh checks the request count, so a wrap fails the run
  end
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. tokens[i] })
end
