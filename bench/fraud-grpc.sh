#!/usr/bin/env bash
# The fraud service's gRPC throughput and latency: the Vert.x server (FraudVerticle) against the same
# FraudRules served by a plain grpc-java Netty server, both loaded by one grpc-java client (direct
# executor) with BatchCheck streams and with concurrent CheckTransaction calls. Each server runs in a
# JVM of its own; the client is this script's JVM. As in production, every call carries a service
# token (RS256, internal grant) that both servers check with the platform's AuthGuard: the key pair is
# made for the run, the servers get its public half in AUTH_JWT_* variables, the client signs the
# token. Prints checks/s, round-trip percentiles, the CPU each side used, the ratio Vert.x / grpc-java
# and the goals. About 80 s with the defaults.
#
#   bench/fraud-grpc.sh [--seconds 10] [--warmup-seconds 5] [--streams 4] [--window 512]
#                       [--unary-concurrency 128] [--unary-connections 4] [--vertx-instances 2]
#                       [--server-event-loops 2] [--servers vertx,grpc-java] [--loads streaming,unary]
#                       [--server-jvm-args "-Xms1g -Xmx1g -XX:+UseParallelGC"] [--profile cpu]
#
# --profile cpu (or wall, alloc, lock) runs each server under async-profiler and leaves a flame graph
# per server in grpc-interop/target/bench-profiles/.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -pl grpc-interop -am install -DskipTests
cp_file=$(mktemp)
trap 'rm -f "$cp_file"' EXIT
mvn -B -q -ntp -pl grpc-interop dependency:build-classpath -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime
cd grpc-interop
java -Xms1g -Xmx1g -XX:+UseParallelGC -cp "target/classes:$(cat "$cp_file")" \
  dev.vertxshop.grpcinterop.FraudBenchmark "$@"
