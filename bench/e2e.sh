#!/usr/bin/env bash
# The end-to-end benchmark, in one run on this machine's cores:
#   1. the machine's ceiling: two minimal Vert.x HTTP servers (module benchmarks/), one answering a
#      small JSON, one answering one PostgreSQL row per request (pool sized like the services'), each
#      in a JVM of its own and loaded by wrk for the same time with the same connections; then the
#      same wrk, with bench/wrk/order.lua, POSTing orders to the shop (the same generator's ratio);
#   2. the co-located shop (the fat jar: all services, embedded Kafka broker, the running PostgreSQL
#      on a fresh database and the running Redis): the largest fixed rate of orders (loadgen) that
#      it sustains with every order CONFIRMED or an expected REJECTED (declined card, sold out), no
#      PENDING, 503, timeout or connection error, the generator keeping pace, and p99 below
#      BENCH_MAX_P99_MS; then p50/p99 at half that rate and at 500 orders/s;
#   3. the shop JVM's resident memory after the run (VmRSS), and start-up to all ready of a second
#      shop that embeds no broker (Kafka, Redis, PostgreSQL and SMTP all configured): a first start on
#      an empty database, then restarts on it; then restarts with an AppCDS archive of its classes.
# It prints one table (figures, goals, met or not, ratios) and writes it, with the machine it ran
# on, to bench/results/e2e-latest.md. About 6 minutes with the defaults.
#
#   bench/e2e.sh [--profile]
#
# --profile: one more step at the largest sustained rate with async-profiler 4.1 (from Maven Central;
# CPU samples every 1 ms) loaded into the shop JVM; the hottest frames (self time) and stacks go to
# bench/results/e2e-profile.txt.
#
# Environment (defaults): PG_HOST (127.0.0.1), PG_PORT (5432), PG_USER (postgres), REDIS_URL
# (redis://127.0.0.1:6379), BENCH_SECONDS (15, each wrk run and each loadgen step), BENCH_WARMUP (3),
# BENCH_SHOP_WARMUP (30: seconds of orders warming the shop's JVM before the first step) at
# BENCH_SHOP_WARMUP_RATE (50 orders/s),
# BENCH_CONNECTIONS (64, wrk), BENCH_THREADS (2, wrk), BENCH_RATES ("50 100 200 300 400 500 600 800
# 1000 1200 1500 2000"), BENCH_MAX_P99_MS (1000), BENCH_STARTS (3: one first start, then restarts),
# JAVA_OPTS (the shop's JVM: -Xmx384m, the heap a 512 MiB container gives it with the image's
# MaxRAMPercentage=75; set it empty for the JVM's own default), BENCH_SKIP_BUILD (1: use the jars as they are), BENCH_MVN_ARGS (more
# Maven arguments, e.g. -o).
set -euo pipefail
cd "$(dirname "$0")/.."

profile=false
case "${1:-}" in
  "") ;;
  --profile) profile=true ;;
  *) echo "usage: bench/e2e.sh [--profile]" >&2; exit 2 ;;
esac

seconds=${BENCH_SECONDS:-15}
warmup=${BENCH_WARMUP:-3}
connections=${BENCH_CONNECTIONS:-64}
threads=${BENCH_THREADS:-2}
rates=${BENCH_RATES:-50 100 200 300 400 500 600 800 1000 1200 1500 2000}
max_p99_ms=${BENCH_MAX_P99_MS:-1000}
starts=${BENCH_STARTS:-3}
JAVA_OPTS=${JAVA_OPTS--Xmx384m}
shop_warmup=${BENCH_SHOP_WARMUP:-30}
shop_warmup_rate=${BENCH_SHOP_WARMUP_RATE:-50}
pg_host=${PG_HOST:-127.0.0.1}
pg_port=${PG_PORT:-5432}
pg_user=${PG_USER:-postgres}
redis_url=${REDIS_URL:-redis://127.0.0.1:6379}
shop_jar=launcher/target/vertx-shop.jar
ceiling_jar=benchmarks/target/vertx-shop-benchmarks.jar
results_file=bench/results/e2e-latest.md
goal_orders_per_s=1000
goal_p99_at_500_ms=100
goal_start_ms=3000
goal_rss_mb=600

missing=()
for tool in wrk jq curl psql java mvn; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "missing: ${missing[*]}; on Debian: apt-get install ${missing[*]/psql/postgresql-client}" >&2
  exit 1
fi
psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -Atqc 'SELECT 1' >/dev/null \
  || { echo "no PostgreSQL at $pg_host:$pg_port (user $pg_user): set PG_HOST/PG_PORT/PG_USER" >&2; exit 1; }

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  echo "Building the shop's fat jar and the ceiling servers"
  # shellcheck disable=SC2086
  mvn -B -q -ntp ${BENCH_MVN_ARGS:-} package -DskipTests -pl launcher -am
  # benchmarks/ is not part of the reactor: CI never builds it.
  mvn -B -q -ntp ${BENCH_MVN_ARGS:-} -f benchmarks/pom.xml package -DskipTests
fi

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
work=$(mktemp -d -t vertx-shop-e2e.XXXXXX)
db="vertx_shop_e2e_$(date +%s)"
startup_db="${db}_startup"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  for name in "$db" "$startup_db"; do
    psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "DROP DATABASE IF EXISTS $name" >/dev/null 2>&1 || true
  done
  echo "Logs and raw results: $work"
}
trap cleanup EXIT

# A TCP port nothing listens on, from 20000-39999.
free_port() {
  local port
  while :; do
    port=$(( 20000 + RANDOM % 20000 ))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

# Waits until the file $1 holds a line matching $2 while process $3 runs; gives up after $4 s.
await_line() {
  local file=$1 pattern=$2 pid=$3 limit=${4:-120} started=$SECONDS
  until grep -q "$pattern" "$file" 2>/dev/null; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$file" >&2
      echo "the process writing $file ended before printing '$pattern'" >&2
      exit 1
    fi
    if (( SECONDS - started > limit )); then
      tail -n 40 "$file" >&2
      echo "no '$pattern' in $file after $limit s" >&2
      exit 1
    fi
    sleep 0.05
  done
}

# Waits, up to 30 s, until process $1 uses less than a quarter of a core: the backlog of an
# overloaded step has drained before the next one starts.
settle() {
  local pid=$1 before after tick
  tick=$(getconf CLK_TCK)
  for _ in $(seq 1 30); do
    before=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    sleep 1
    after=$(awk '{print $14 + $15}' "/proc/$pid/stat")
    (( (after - before) * 4 < tick )) && return
  done
}

stop_process() {
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# wrk's latency figure ("850.12us", "1.20ms", "2.01s") in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0
    if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n = n; else if (v ~ /m$/) n *= 60000; else if (v ~ /s$/) n *= 1000
    printf "%.2f", n }'
}

# Runs wrk (warm-up, then the measured run) and sets wrk_rps, wrk_p50, wrk_p99, wrk_errors.
run_wrk() {
  local name=$1 url=$2; shift 2
  wrk -t"$threads" -c"$connections" -d"${warmup}s" "$@" "$url" >/dev/null
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --latency "$@" "$url" >"$work/wrk-$name.txt"
  wrk_rps=$(awk '/^Requests\/sec:/ {printf "%.0f", $2}' "$work/wrk-$name.txt")
  wrk_p50=$(to_ms "$(awk '$1 == "50%" {print $2}' "$work/wrk-$name.txt")")
  wrk_p99=$(to_ms "$(awk '$1 == "99%" {print $2}' "$work/wrk-$name.txt")")
  wrk_errors=$(awk '/Socket errors:/ {gsub(",", ""); s += $4 + $6 + $8 + $10} /Non-2xx/ {s += $NF} END {print s + 0}' "$work/wrk-$name.txt")
}

psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "CREATE DATABASE $db" >/dev/null
psql -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres -qc "CREATE DATABASE $startup_db" >/dev/null
pg_url="postgresql://$pg_user@$pg_host:$pg_port/$db"

# 1. The machine's ceiling.
ceiling() {
  local mode=$1 path=$2 port log pid
  port=$(free_port)
  log="$work/ceiling-$mode.log"
  java -jar "$ceiling_jar" "$mode" --port "$port" --pg-url "$pg_url" --pool-size "${PG_POOL_SIZE:-8}" >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  await_line "$log" "listening on" "$pid" 60
  echo "Ceiling ($mode): wrk -t$threads -c$connections for ${seconds} s (after ${warmup} s)"
  run_wrk "ceiling-$mode" "http://127.0.0.1:$port$path"
  stop_process "$pid"
}
ceiling json /json
json_rps=$wrk_rps json_p50=$wrk_p50 json_p99=$wrk_p99 json_errors=$wrk_errors
ceiling pg /item
pg_rps=$wrk_rps pg_p50=$wrk_p50 pg_p99=$wrk_p99 pg_errors=$wrk_errors

# 2. The co-located shop.
shop_log="$work/shop.log"
kafka_port=$(free_port)
smtp_port=$(free_port)
echo "Starting the shop (all services, embedded Kafka on $kafka_port) on database $db"
env PG_HOST="$pg_host" PG_PORT="$pg_port" PG_USER="$pg_user" PG_DATABASE="$db" REDIS_URL="$redis_url" \
  KAFKA_EMBEDDED_PORT="$kafka_port" NOTIFICATIONS_SMTP_EMBEDDED_PORT="$smtp_port" \
  ORDERS_HTTP_PORT=0 INVENTORY_HTTP_PORT=0 PAYMENTS_HTTP_PORT=0 FRAUD_HTTP_PORT=0 FRAUD_GRPC_PORT=0 \
  NOTIFICATIONS_HTTP_PORT=0 ANALYTICS_HTTP_PORT=0 \
  java ${JAVA_OPTS:-} -jar "$shop_jar" --no-demo-catalogue >"$shop_log" 2>&1 &
shop_pid=$!
pids+=("$shop_pid")
await_line "$shop_log" "All services ready" "$shop_pid" 180
service_port() { sed -n "s|^.*$1 listening on http://127.0.0.1:\([0-9]*\).*|\1|p" "$shop_log" | head -n 1; }
orders_port=$(service_port orders)
inventory_port=$(service_port inventory)
echo "$(grep -m1 'All services ready' "$shop_log" | sed 's/.*All services/All services/') (embedded broker included)"
settle "$shop_pid"
# The shop runs without an identity provider: tokens come from its development key pair.
admin_token=$(java -jar "$shop_jar" token --user e2e-operator --admin --ttl 2h)
wrk_token=$(java -jar "$shop_jar" token --user wrk --ttl 2h)

# Runs one loadgen step at $1 orders/s into $work/${2:-step-$1}.json and sets step_verdict: empty
# when the step passed, otherwise why not.
run_step() {
  local rate=$1 name=${2:-step-$1}
  local json="$work/$name.json"
  java -jar "$shop_jar" loadgen --url "http://127.0.0.1:$orders_port" --inventory-url "http://127.0.0.1:$inventory_port" \
    --rate "$rate" --duration "${seconds}s" --warmup "${warmup}s" --timeout 5s --json "$json" >"$work/$name.txt" 2>&1 || true
  if [ ! -s "$json" ]; then
    step_verdict="loadgen failed (see $work/$name.txt)"
    return
  fi
  step_verdict=$(jq -r --argjson rate "$rate" --argjson maxp99 "$max_p99_ms" '
    def total: if type == "object" then ([.[]] | add // 0) else . end;
    .orders as $o
    | [ (if $o.pending > 0 then "\($o.pending) PENDING" else empty end),
        (if $o.unavailable > 0 then "\($o.unavailable) × 503" else empty end),
        (if ($o.clientErrors | total) > 0 then "\($o.clientErrors | total) × 4xx" else empty end),
        (if ($o.serverErrors | total) > 0 then "\($o.serverErrors | total) × 5xx" else empty end),
        (if ($o.otherStatuses | total) > 0 then "\($o.otherStatuses | total) other statuses" else empty end),
        (if $o.timeouts > 0 then "\($o.timeouts) timeouts" else empty end),
        (if $o.connectionErrors > 0 then "\($o.connectionErrors) connection errors" else empty end),
        (if $o.invalidAnswers > 0 then "\($o.invalidAnswers) invalid answers" else empty end),
        (if $o.inFlight > 0 then "\($o.inFlight) unanswered" else empty end),
        ([$o.rejectedByReason | to_entries[] | select(.key | test("^(insufficient-stock|payment-declined)") | not) | .value] | add // 0
          | if . > 0 then "\(.) unexpected rejections" else empty end),
        (if .latencyMs.p99 >= $maxp99 then "p99 \(.latencyMs.p99) ms" else empty end),
        (if .throughput.sentPerSecond < 0.95 * $rate then "sent only \(.throughput.sentPerSecond)/s" else empty end)
      ] | join(", ")' "$json")
}

declare -A verdicts=()
step_line() {
  local rate=$1 json="$work/step-$1.json"
  if [ -s "$json" ]; then
    jq -r --arg verdict "${verdicts[$rate]:-passed}" '"| \(.rate) | \(.throughput.sentPerSecond) | \(.throughput.confirmedPerSecond) | \(.orders.rejected) | \(.latencyMs.p50) | \(.latencyMs.p99) | \(.latencyMs.max) | \(if $verdict == "" then "passed" else $verdict end) |"' "$json"
  else
    echo "| $rate | | | | | | | ${verdicts[$rate]} |"
  fi
}

step() {
  echo -n "  $1 orders/s: "
  run_step "$1"
  verdicts[$1]=$step_verdict
  stepped+=("$1")
  if [ -z "$step_verdict" ]; then
    jq -r '"passed: confirmed \(.throughput.confirmedPerSecond)/s, p50 \(.latencyMs.p50) ms, p99 \(.latencyMs.p99) ms"' "$work/step-$1.json"
  else
    echo "failed: $step_verdict"
  fi
  settle "$shop_pid"
}

# A cold JVM compiles most of the shop's code during its first minute of orders: warm it up first,
# as production traffic would, and measure nothing of it.
echo "Warming the shop up: $shop_warmup_rate orders/s for $shop_warmup s (not measured)"
java -jar "$shop_jar" loadgen --url "http://127.0.0.1:$orders_port" --inventory-url "http://127.0.0.1:$inventory_port" \
  --rate "$shop_warmup_rate" --duration "${shop_warmup}s" --timeout 5s >"$work/shop-warmup.txt" 2>&1 \
  || { tail -n 20 "$work/shop-warmup.txt" >&2; echo "the warm-up load failed" >&2; exit 1; }
settle "$shop_pid"

echo "Fixed-rate steps of ${seconds} s (after ${warmup} s) until one fails"
stepped=()
best=0
first_failed=0
for rate in $rates; do
  step "$rate"
  if [ -n "${verdicts[$rate]}" ]; then
    first_failed=$rate
    break
  fi
  best=$rate
done
# Two halvings of the gap between the last rate that passed and the first that failed.
for _ in 1 2; do
  (( first_failed > 0 && first_failed - best > 20 )) || break
  mid=$(( (best + first_failed) / 20 * 10 ))
  (( mid > best && mid < first_failed )) || break
  step "$mid"
  if [ -z "${verdicts[$mid]}" ]; then best=$mid; else first_failed=$mid; fi
done

if (( best > 0 )); then
  max_confirmed=$(jq -r '.throughput.confirmedPerSecond' "$work/step-$best.json")
else
  max_confirmed=0
fi
half=$(( best / 2 ))
if (( half > 0 )) && [ -z "${verdicts[$half]+set}" ]; then
  echo "Latency at half the largest sustained rate ($half orders/s)"
  step "$half"
fi
if [ -z "${verdicts[500]+set}" ]; then
  echo "Latency at 500 orders/s"
  step 500
fi

if $profile && (( best > 0 )); then
  profiler_dir="$work/async-profiler"
  mvn -B -q -ntp ${BENCH_MVN_ARGS:-} dependency:copy -Dartifact=tools.profiler:async-profiler:4.1 -DoutputDirectory="$profiler_dir"
  (cd "$profiler_dir" && jar xf async-profiler-4.1.jar linux-x64/libasyncProfiler.so)
  lib="$profiler_dir/linux-x64/libasyncProfiler.so"
  echo "Profiling the shop at $best orders/s (async-profiler, cpu, 1 ms)"
  mkdir -p bench/results
  # jcmd reads name=value pairs itself: the agent's options go in as one quoted string.
  jcmd "$shop_pid" JVMTI.agent_load "$lib" "\"start,event=cpu,interval=1ms\"" >/dev/null
  run_step "$best" profiled-step
  jcmd "$shop_pid" JVMTI.agent_load "$lib" "\"stop,summary,flat=25,traces=15,file=$PWD/bench/results/e2e-profile.txt\"" >/dev/null
  echo "  ${step_verdict:-passed} under the profiler; hottest frames and stacks in bench/results/e2e-profile.txt"
fi

echo "wrk POSTing orders to the shop: -t$threads -c$connections for ${seconds} s (after ${warmup} s)"
wrk_product="e2e-wrk-item"
curl -sf -X PUT "http://127.0.0.1:$inventory_port/api/products/$wrk_product" -H 'content-type: application/json' \
  -H "Authorization: Bearer $admin_token" \
  -d '{"name":"wrk benchmark item","priceCents":1250,"available":100000000}' >/dev/null
WRK_TOKEN=$wrk_token WRK_PRODUCT=$wrk_product run_wrk shop "http://127.0.0.1:$orders_port/api/orders" -s bench/wrk/order.lua
read -r wrk_confirmed wrk_rejected wrk_pending wrk_other wrk_seconds < <(awk '/^WRK_RESULT/ {
  for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  print v["confirmed"], v["rejected"], v["pending"], v["other"], v["seconds"]; found = 1 }
  END { if (!found) print 0, 0, 0, 0, 0 }' "$work/wrk-shop.txt")
shop_wrk_confirmed=$(awk -v c="$wrk_confirmed" -v s="$wrk_seconds" 'BEGIN {printf "%.0f", (s > 0 ? c / s : 0)}')
settle "$shop_pid"

rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$shop_pid/status")
hwm_kb=$(awk '/^VmHWM:/ {print $2}' "/proc/$shop_pid/status")
rss_mb=$(( rss_kb / 1024 ))
hwm_mb=$(( hwm_kb / 1024 ))

# 3. Start-up without the embedded broker: the same JVM options, every server configured (the
# first shop's broker and mail server), every port free.
# Starts the shop once with JVM options $2 (on top of JAVA_OPTS) and appends its time to all ready
# to the array named $1.
start_once() {
  local -n times=$1
  local log="$work/start-$1-$(( ${#times[@]} + 1 )).log" pid
  # shellcheck disable=SC2086
  env PG_HOST="$pg_host" PG_PORT="$pg_port" PG_USER="$pg_user" PG_DATABASE="$startup_db" REDIS_URL="$redis_url" \
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$kafka_port" NOTIFICATIONS_SMTP_HOST=127.0.0.1 NOTIFICATIONS_SMTP_PORT="$smtp_port" \
    NOTIFICATIONS_SMTP_STARTTLS=none \
    ORDERS_HTTP_PORT=0 INVENTORY_HTTP_PORT=0 PAYMENTS_HTTP_PORT=0 FRAUD_HTTP_PORT=0 FRAUD_GRPC_PORT=0 \
    NOTIFICATIONS_HTTP_PORT=0 ANALYTICS_HTTP_PORT=0 \
    java ${JAVA_OPTS:-} $2 -jar "$shop_jar" --no-demo-catalogue >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  await_line "$log" "All services ready" "$pid" 120
  times+=("$(sed -n 's/.*All services ready in \([0-9]*\) ms.*/\1/p' "$log" | head -n 1)")
  stop_process "$pid"
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

echo "Start-up to all ready without embedded servers ($starts starts on database $startup_db)"
start_times=()
for i in $(seq 1 "$starts"); do
  start_once start_times ""
  echo "  start $i: ${start_times[-1]} ms from the JVM's start"
done
first_start=${start_times[0]}
if (( starts > 1 )); then
  restart_ms=$(median "${start_times[@]:1}")
else
  restart_ms=$first_start
fi
# The same with an application class-data archive (AppCDS) of the shop's classes, written by one
# start (not counted) when it stops: the JVM maps the classes in instead of loading them.
cds_archive="$work/vertx-shop.jsa"
cds_times=()
start_once cds_times "-XX:ArchiveClassesAtExit=$cds_archive"
cds_times=()
for i in $(seq 1 "$(( starts > 2 ? starts : 2 ))"); do
  start_once cds_times "-XX:SharedArchiveFile=$cds_archive"
  echo "  start $i with the AppCDS archive: ${cds_times[-1]} ms from the JVM's start"
done
cds_ms=$(median "${cds_times[@]}")

stop_process "$shop_pid"

# 4. The table.
met() { if awk "BEGIN {exit !($1)}"; then echo "met"; else echo "not met"; fi; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.4f", a / b; else print "n/a"}'; }
field() { jq -r "$2" "$work/step-$1.json" 2>/dev/null || echo "n/a"; }

p99_500=$(field 500 '.latencyMs.p99')
p50_500=$(field 500 '.latencyMs.p50')
confirmed_500=$(field 500 '.throughput.confirmedPerSecond')
verdict_500=${verdicts[500]:-}
if (( half > 0 )); then
  half_figure="p50 $(field "$half" '.latencyMs.p50') ms, p99 $(field "$half" '.latencyMs.p99') ms ($half orders/s offered)"
else
  half_figure="n/a (no step passed)"
fi
if [ "$p99_500" = "n/a" ] || [ -n "$verdict_500" ]; then
  p99_500_met="not met"
else
  p99_500_met=$(met "$p99_500 <= $goal_p99_at_500_ms")
fi

{
  echo "# End-to-end benchmark (bench/e2e.sh)"
  echo
  echo "- Date: $(date -u '+%Y-%m-%d %H:%M UTC'); commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  echo "- Machine: $(nproc) CPUs ($(lscpu | sed -n 's/^Model name: *//p' | head -n 1)), $(free -g | awk '/^Mem:/ {print $2}') GiB memory"
  echo "- Java: $(java -version 2>&1 | head -n 1); shop JVM options: ${JAVA_OPTS:-none (defaults)}"
  echo "- wrk: $threads threads, $connections connections, ${seconds} s after ${warmup} s; loadgen steps: ${seconds} s after ${warmup} s, default mix (5 % declined cards, 2 % sold out)"
  echo "- Generators, servers, PostgreSQL, Redis and Kafka share the same $(nproc) CPUs; load average (1, 5, 15 min) before the run $load_before, after it $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine makes every figure worse)."
  echo
  echo "| Figure | Value | Goal | |"
  echo "|---|---|---|---|"
  echo "| Ceiling: plain JSON (GET, wrk) | $json_rps req/s, p50 $json_p50 ms, p99 $json_p99 ms, $json_errors errors | | |"
  echo "| Ceiling: one PostgreSQL row per request (GET, wrk) | $pg_rps req/s, p50 $pg_p50 ms, p99 $pg_p99 ms, $pg_errors errors | | |"
  echo "| Shop under the same wrk (POST /api/orders, closed loop) | $shop_wrk_confirmed confirmed/s; $wrk_confirmed confirmed, $wrk_rejected rejected, $wrk_pending pending, $wrk_other other; p50 $wrk_p50 ms, p99 $wrk_p99 ms | | |"
  echo "| Largest sustained rate, 0 errors (loadgen, fixed rate) | $max_confirmed confirmed orders/s ($best orders/s offered) | ≥ $goal_orders_per_s confirmed/s | $(met "$max_confirmed >= $goal_orders_per_s") |"
  echo "| Latency at half that rate | $half_figure | | |"
  echo "| Latency at 500 orders/s | p50 $p50_500 ms, p99 $p99_500 ms, $confirmed_500 confirmed/s${verdict_500:+; $verdict_500} | p99 ≤ $goal_p99_at_500_ms ms | $p99_500_met |"
  echo "| Start-up to all ready, no embedded server (median of restarts) | $restart_ms ms (first start, migrating an empty database: $first_start ms; all: ${start_times[*]}) | ≤ $goal_start_ms ms | $(met "$restart_ms <= $goal_start_ms") |"
  echo "| The same with an AppCDS archive (-XX:SharedArchiveFile, median) | $cds_ms ms (all: ${cds_times[*]}) | ≤ $goal_start_ms ms | $(met "$cds_ms <= $goal_start_ms") |"
  echo "| RSS of the shop JVM after the run | $rss_mb MiB (peak $hwm_mb MiB) | ≤ $goal_rss_mb MB | $(met "$rss_mb <= $goal_rss_mb") |"
  echo "| Sustained confirmed/s ÷ single-query ceiling | $(ratio "$max_confirmed" "$pg_rps") | | |"
  echo "| Sustained confirmed/s ÷ plain JSON ceiling | $(ratio "$max_confirmed" "$json_rps") | | |"
  echo "| Shop under wrk, confirmed/s ÷ single-query ceiling (same generator) | $(ratio "$shop_wrk_confirmed" "$pg_rps") | | |"
  echo
  echo "Fixed-rate steps (latency in ms from each order's intended send time; a step passes with every"
  echo "order CONFIRMED or REJECTED for a declined card or missing stock, p99 < $max_p99_ms ms, and the"
  echo "generator keeping 95 % of the pace):"
  echo
  echo "| Offered/s | Sent/s | Confirmed/s | Rejected | p50 | p99 | max | Verdict |"
  echo "|---|---|---|---|---|---|---|---|"
  for rate in "${stepped[@]}"; do
    step_line "$rate"
  done
} >"$work/table.md"

mkdir -p bench/results
cp "$work/table.md" "$results_file"
echo
cat "$results_file"
echo
echo "Written to $results_file"
