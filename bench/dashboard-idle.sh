#!/usr/bin/env bash
# What the operations dashboard costs the services: the CPU time of an idle co-located shop (the fat
# jar: all services, embedded Kafka, the running PostgreSQL on a fresh database and the running Redis)
# with the dashboard disabled, enabled with nobody looking, and enabled with one page's event stream
# open (a curl client of /dashboard/events, receiving a snapshot a second). Each case runs in a shop
# of its own, in rounds (off, on, watched, then again), measured over BENCH_SECONDS after the shop
# has settled; CPU from /proc (user + system). Prints one table. About 7 minutes with the defaults.
#
#   bench/dashboard-idle.sh
#
# Environment (defaults): PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER (postgres), REDIS_URL
# (redis://127.0.0.1:6379), BENCH_SECONDS (40), BENCH_SETTLE (20: seconds after ready before
# measuring), BENCH_ROUNDS (2), JAVA_OPTS (-Xmx384m), BENCH_SKIP_BUILD (1: use the jar as it is).
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${BENCH_SECONDS:-40}
settle_s=${BENCH_SETTLE:-20}
rounds=${BENCH_ROUNDS:-2}
JAVA_OPTS=${JAVA_OPTS--Xmx384m}
pg_host=${PG_HOST:-127.0.0.1}
pg_port=${PG_PORT:-5432}
pg_user=${PG_USER:-postgres}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
shop_jar=launcher/target/vertx-shop.jar

for tool in curl psql java mvn; do
  command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done
if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
  mvn -B -q -ntp install -DskipTests
fi

work=$(mktemp -d)
pids=()
databases=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  for db in "${databases[@]}"; do
    psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }

# Snapshots the viewer $1 (none when empty) has received so far in the file $2.
snapshots() {
  if [ -z "$1" ]; then
    echo 0
  else
    grep -c '^event: snapshot' "$2" || true
  fi
}

# Starts a shop with the dashboard as $1 says (off, on, watched), measures it, prints one table row.
measure() {
  local mode=$1 round=$2 db="dashboard_idle_$$_${1}_$2" log="$work/shop-$1-$2.log" dashboard_port enabled pid viewer=""
  databases+=("$db")
  psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -c "CREATE DATABASE $db" >/dev/null
  dashboard_port=$(free_port)
  enabled=true
  [ "$mode" = off ] && enabled=false
  env PG_HOST="$pg_host" PG_PORT="$pg_port" PG_USER="$pg_user" PG_DATABASE="$db" REDIS_URL="$redis_url" \
    KAFKA_EMBEDDED_PORT="$(free_port)" NOTIFICATIONS_SMTP_EMBEDDED_PORT="$(free_port)" \
    ORDERS_HTTP_PORT=0 INVENTORY_HTTP_PORT=0 PAYMENTS_HTTP_PORT=0 FRAUD_HTTP_PORT=0 FRAUD_GRPC_PORT=0 \
    NOTIFICATIONS_HTTP_PORT=0 ANALYTICS_HTTP_PORT=0 \
    DASHBOARD_ENABLED="$enabled" DASHBOARD_HOST=127.0.0.1 DASHBOARD_PORT="$dashboard_port" \
    java ${JAVA_OPTS:-} -jar "$shop_jar" --no-demo-catalogue >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  local started=$SECONDS
  until grep -q "All services ready" "$log" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -n 40 "$log" >&2; echo "the shop ended before it was ready" >&2; exit 1; }
    (( SECONDS - started < 180 )) || { tail -n 40 "$log" >&2; echo "the shop was not ready in 180 s" >&2; exit 1; }
    sleep 0.2
  done
  if [ "$mode" != off ]; then
    # The launcher serves the dashboard once every service is ready, and says where.
    until grep -q "Dashboard on http" "$log"; do
      (( SECONDS - started < 180 )) || { tail -n 40 "$log" >&2; echo "the dashboard was not served in 180 s" >&2; exit 1; }
      sleep 0.2
    done
  fi
  if [ "$mode" = watched ]; then
    curl -sN "http://127.0.0.1:$dashboard_port/dashboard/events" >"$work/events-$round.txt" &
    viewer=$!
  fi
  sleep "$settle_s"
  local tick before after snapshots_before snapshots_after
  tick=$(getconf CLK_TCK)
  before=$(cpu_ticks "$pid")
  snapshots_before=$(snapshots "$viewer" "$work/events-$round.txt")
  sleep "$seconds"
  after=$(cpu_ticks "$pid")
  snapshots_after=$(snapshots "$viewer" "$work/events-$round.txt")
  [ -n "$viewer" ] && kill "$viewer" 2>/dev/null || true
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  awk -v mode="$mode" -v round="$round" -v ticks=$((after - before)) -v tick="$tick" -v s="$seconds" \
    -v snaps=$((snapshots_after - snapshots_before)) -v la="$(cut -d' ' -f1 /proc/loadavg)" \
    'BEGIN { printf "| %-8s | %d | %7.1f | %5d | %s |\n", mode, round, ticks * 1000 / tick / s, snaps, la }'
}

echo "Idle shop CPU, $seconds s measured after $settle_s s settled, $(nproc) CPUs, JAVA_OPTS=${JAVA_OPTS:-none}, commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo
echo "| dashboard | round | shop CPU ms/s | snapshots sent | load (1 min) |"
echo "|---|---:|---:|---:|---:|"
for round in $(seq 1 "$rounds"); do
  for mode in off on watched; do
    measure "$mode" "$round"
  done
done
echo
echo "off: DASHBOARD_ENABLED=false; on: served, nobody connected; watched: one event stream open."
