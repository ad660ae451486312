-- wrk script: every request carries the header named by $HEADER_NAME with value $HEADER_VALUE.
local name = os.getenv("HEADER_NAME")
local value = os.getenv("HEADER_VALUE")

request = function()
  return wrk.format("GET", nil, { [name] = value })
end
