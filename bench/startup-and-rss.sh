#!/usr/bin/env bash
# Starts the co-located system from the fat jar, reports the time from `java -jar` to all services
# ready, places N orders through the public API with C concurrent clients, and reports the outcomes,
# the throughput and the resident memory (RSS) of the JVM afterwards.
#
#   bench/startup-and-rss.sh [N=1000] [C=8]
#
# With PG_HOST (or PG_URL) set it uses that PostgreSQL; otherwise the launcher starts an embedded one.
set -euo pipefail
cd "$(dirname "$0")/.."

orders=${1:-1000}
clients=${2:-8}
jar=launcher/target/vertx-shop.jar
port=${ORDERS_HTTP_PORT:-8081}
inventory_port=${INVENTORY_HTTP_PORT:-8082}

[ -f "$jar" ] || mvn -B -q -ntp package -DskipTests

log=$(mktemp -t vertx-shop-bench.XXXXXX.log)
start_ns=$(date +%s%N)
java ${JAVA_OPTS:-} -jar "$jar" >"$log" 2>&1 &
pid=$!
trap 'kill -TERM $pid 2>/dev/null || true; wait $pid 2>/dev/null || true' EXIT

until grep -q "All services ready" "$log"; do
  if ! kill -0 $pid 2>/dev/null; then
    cat "$log" >&2
    echo "the launcher exited before it was ready" >&2
    exit 1
  fi
  sleep 0.05
done
ready_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))
echo "launcher says: $(grep -m1 'All services ready' "$log" | sed 's/.*All services/All services/')"

product="bench-$(date +%s)"
curl -sf -X PUT "http://127.0.0.1:$inventory_port/api/products/$product" -H 'content-type: application/json' \
  -d "{\"name\":\"Benchmark item\",\"priceCents\":1250,\"available\":$orders}" >/dev/null

body="{\"customerId\":\"bench\",\"email\":\"bench@example.com\",\"items\":[{\"productId\":\"$product\",\"quantity\":1}],\"paymentMethod\":{\"type\":\"card\",\"cardNumber\":\"4242424242424242\"}}"
results=$(mktemp)
orders_start=$(date +%s%N)
seq "$orders" | xargs -P "$clients" -I{} curl -s -o /dev/null -w '%{http_code}\n' \
  -X POST "http://127.0.0.1:$port/api/orders" -H 'content-type: application/json' -d "$body" >"$results"
orders_ms=$(( ($(date +%s%N) - orders_start) / 1000000 ))
rss_kb=$(ps -o rss= -p $pid | tr -d ' ')

echo
printf '%-38s %s\n' "start-up (java -jar to all ready)" "${ready_ms} ms"
printf '%-38s %s\n' "orders placed" "$orders with $clients concurrent clients in ${orders_ms} ms"
printf '%-38s %s\n' "orders/s (curl per request)" "$(( orders * 1000 / (orders_ms > 0 ? orders_ms : 1) ))"
printf '%-38s %s\n' "answers by status" "$(sort "$results" | uniq -c | awk '{printf "%s×%s ", $1, $2}')"
printf '%-38s %s\n' "RSS after the orders" "$(( rss_kb / 1024 )) MiB"
rm -f "$results"
