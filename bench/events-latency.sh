#!/usr/bin/env bash
# How fast order events take effect (goal: p99 <= 50 ms from an order's confirmation to each
# consumer's effect) and how many events per second each consumer applies at most. Starts the whole
# shop in one JVM from the fat jar against the PostgreSQL at PG_HOST (default 127.0.0.1:5432) and the
# Redis at REDIS_URL (default redis://127.0.0.1:6379), with a Kafka broker and an SMTP server in the
# benchmark's JVM, then:
#   1. places orders at a fixed rate for a while (after a warm-up at half the rate) and reports, from
#      each order's confirmation, p50/p99/max of the time to the relay's publication and to the effect
#      in inventory, notifications (mail taken by the SMTP server) and analytics;
#   2. reserves N items through inventory's API, publishes N order.completed events for them at once,
#      and reports each consumer's effects per second from its first effect to its last.
#
#   bench/events-latency.sh [orders/s, default 50] [seconds, default 30] [events, default 20000; 0 skips phase 2]
#
# The rate is what the orders API is offered; the whole saga (three services, fraud screening,
# PostgreSQL) runs on the same machine, so above what it sustains (about 100 orders/s on 2 cores)
# the run says so and the figures measure queueing, not the events. About 1 min for phase 1 and
# 1 min for phase 2 on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp install -DskipTests
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -ntp -pl system-tests dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
java -Dshop.jar=launcher/target/vertx-shop.jar -Dshop.logs=system-tests/target/shop-logs -Dshop.heap=1g \
  -cp "system-tests/target/test-classes:$(cat "$cp_file")" dev.vertxshop.systemtests.EventLatencyBenchmark \
  "${1:-50}" "${2:-30}" "${3:-20000}"
