#!/usr/bin/env bash
# The orders service while inventory is down: POST /api/orders latency with inventory's circuit
# breaker open (goal p99 <= 5 ms), and GET /api/orders/{id} throughput at the same time, compared
# with inventory up, in one run. Starts orders, inventory and payments as three JVMs on loopback
# against the PostgreSQL at PG_HOST (default 127.0.0.1:5432).
#
#   bench/breaker-open.sh [seconds per phase, default 10] [POST clients, default 4] [GET clients, default 16]
#
# Each client sends one request after another (closed loop), so with enough clients the orders JVM's
# CPU is saturated and the POST latency includes the wait behind the GETs.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp install -DskipTests
cp_file=$(mktemp)
mvn -B -q -ntp -pl system-tests dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
java -Dshop.jar=launcher/target/vertx-shop.jar -Dshop.logs=system-tests/target/shop-logs \
  -cp "system-tests/target/test-classes:$(cat "$cp_file")" dev.vertxshop.systemtests.BreakerBenchmark "${1:-10}" "${2:-4}" "${3:-16}"
rm -f "$cp_file"
