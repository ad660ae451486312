-- wrk script: every request carries a bearer token never sent before that looks valid (an RS256
-- header with its own kid, claims, a signature of the right length) but is signed by nobody; with
-- SESSIONS=1 instead, a session cookie never sent before. Stops after $COUNT requests (one thread).
local count = tonumber(os.getenv("COUNT") or "1000000")
local sessions = os.getenv("SESSIONS") == "1"
local sent = 0
local seed = tostring(math.random(1, 1000000000))
local sig = string.rep("A", 342)

local b64chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
local function b64url(data)
  return ((data:gsub(".", function(x)
    local r, b = "", x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and "1" or "0") end
    return r
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(x)
    if #x < 6 then return "" end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return b64chars:sub(c + 1, c + 1)
  end))
end

request = function()
  sent = sent + 1
  local id = seed .. "-" .. sent
  if sessions then
    return wrk.format("GET", nil, { ["Cookie"] = "JSESSIONID=0000" .. id .. ":forged" })
  end
  local header = b64url('{"alg":"RS256","typ":"JWT","kid":"k' .. id .. '"}')
  local payload = b64url('{"iss":"https://pathauth.example","sub":"alice","upn":"alice","jti":"'
    .. id .. '","exp":4102444800,"iat":1700000000,"groups":["user"]}')
  return wrk.format("GET", nil, { ["Authorization"] = "Bearer " .. header .. "." .. payload .. "." .. sig })
end

-- wrk's main thread sleeps for the whole -d duration whatever the threads do: once the count is
-- sent, the thread stops and leaves $DONE_FILE for the calling script, which then ends wrk (SIGINT).
local signalled = false
response = function()
  if sent >= count and not signalled then
    signalled = true
    local f = io.open(os.getenv("DONE_FILE") or "/dev/null", "w")
    if f then f:close() end
    wrk.thread:stop()
  end
end
