-- wrk script for bench/e2e.sh: every request POSTs the same order (one item of WRK_PRODUCT, paid with
-- a card that is accepted) to the orders API given as wrk's URL, and the run ends with each outcome
-- counted from the answers, summed over wrk's threads:
--   WRK_RESULT requests=N confirmed=N rejected=N pending=N other=N seconds=S
-- (201 with "CONFIRMED" / 201 with "REJECTED" / 202 PENDING / anything else, e.g. 401).
-- WRK_TOKEN is the customer's bearer token (the orders are placed for its subject), e.g. from the
-- launcher's development key pair:
--
--   WRK_TOKEN=$(java -jar launcher/target/vertx-shop.jar token --user wrk --ttl 2h) \
--   WRK_PRODUCT=some-product wrk -t2 -c64 -d15s -s bench/wrk/order.lua http://127.0.0.1:8081/api/orders

local product = os.getenv("WRK_PRODUCT") or "e2e-wrk-item"
local token = os.getenv("WRK_TOKEN")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if token and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
wrk.body = '{"email":"wrk@example.com",'
  .. '"items":[{"productId":"' .. product .. '","quantity":1}],'
  .. '"paymentMethod":{"type":"card","cardNumber":"4242424242424242"}}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  confirmed, rejected, pending, other = 0, 0, 0, 0
end

function response(status, headers, body)
  if status == 201 and body and string.find(body, '"CONFIRMED"', 1, true) then
    confirmed = confirmed + 1
  elseif status == 201 and body and string.find(body, '"REJECTED"', 1, true) then
    rejected = rejected + 1
  elseif status == 202 then
    pending = pending + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local totals = { confirmed = 0, rejected = 0, pending = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (thread:get(name) or 0)
    end
  end
  io.write(string.format("WRK_RESULT requests=%d confirmed=%d rejected=%d pending=%d other=%d seconds=%.3f\n",
    summary.requests, totals.confirmed, totals.rejected, totals.pending, totals.other,
    summary.duration / 1e6))
end
