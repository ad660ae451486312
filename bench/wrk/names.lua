-- wrk script: POSTs a login form (or, with FORM=token, a password grant) with a user name never
-- sent before on every request, and stops after $COUNT requests (one thread).
local count = tonumber(os.getenv("COUNT") or "1000000")
local kind = os.getenv("FORM") or "login"
local sent = 0
local prefix = "attacker-" .. tostring(math.random(1, 1000000000)) .. "-"

request = function()
  sent = sent + 1
  local body
  if kind == "token" then
    body = "grant_type=password&username=" .. prefix .. sent .. "&password=wrong"
  else
    body = "j_username=" .. prefix .. sent .. "&j_password=wrong"
  end
  return wrk.format("POST", nil, { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
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
