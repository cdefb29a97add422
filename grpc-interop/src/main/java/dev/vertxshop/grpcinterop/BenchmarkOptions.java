package dev.vertxshop.grpcinterop;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's knobs, each {@code --name value} on the command line.
 *
 * @param warmup load before each measured period, not counted
 * @param measured length of each measured period
 * @param streams BatchCheck streams, one connection each
 * @param window checks in flight per stream
 * @param unaryConcurrency CheckTransaction calls in flight
 * @param unaryConnections connections the unary calls are spread over
 * @param vertxInstances FraudVerticle instances in the Vert.x server
 * @param serverEventLoops event loops (Vert.x) or worker threads (grpc-java) of each server
 * @param servers which servers to run, in order: vertx, grpc-java
 * @param loads which loads to run on each, in order: streaming, unary
 * @param serverJvmArgs options of each server's JVM
 * @param serverCpus the CPUs the servers run on, as {@code taskset -c} takes them (e.g. {@code 1}); empty to
 *     let them run anywhere
 * @param profile an async-profiler event (cpu, wall, alloc, lock) to profile each server with, from
 *     its start to its end, into {@code target/bench-profiles/<server>-<event>.html}; none for no profile
 */
record BenchmarkOptions(
    Duration warmup,
    Duration measured,
    int streams,
    int window,
    int unaryConcurrency,
    int unaryConnections,
    int vertxInstances,
    int serverEventLoops,
    List<String> servers,
    List<String> loads,
    List<String> serverJvmArgs,
    String serverCpus,
    String profile) {

  private static final Map<String, String> DEFAULTS = defaults();

  private static Map<String, String> defaults() {
    Map<String, String> defaults = new LinkedHashMap<>();
    defaults.put("warmup-seconds", "5");
    defaults.put("seconds", "10");
    defaults.put("streams", "4");
    defaults.put("window", "512");
    defaults.put("unary-concurrency", "128");
    defaults.put("unary-connections", "4");
    defaults.put("vertx-instances", "2");
    defaults.put("server-event-loops", "2");
    defaults.put("servers", "vertx,grpc-java");
    defaults.put("loads", "streaming,unary");
    defaults.put("server-jvm-args", "-Xms1g -Xmx1g -XX:+UseParallelGC");
    defaults.put("server-cpus", "");
    defaults.put("profile", "none");
    return defaults;
  }

  static BenchmarkOptions parse(String... args) {
    Map<String, String> values = new HashMap<>(DEFAULTS);
    for (int i = 0; i < args.length; i += 2) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : args[i];
      if (!DEFAULTS.containsKey(name) || i + 1 >= args.length) {
        throw new IllegalArgumentException("unknown option or missing value: " + args[i] + "; options and defaults: " + DEFAULTS);
      }
      values.put(name, args[i + 1]);
    }
    return new BenchmarkOptions(
        Duration.ofSeconds(positive(values, "warmup-seconds")),
        Duration.ofSeconds(positive(values, "seconds")),
        positive(values, "streams"),
        positive(values, "window"),
        positive(values, "unary-concurrency"),
        positive(values, "unary-connections"),
        positive(values, "vertx-instances"),
        positive(values, "server-event-loops"),
        List.of(values.get("servers").split(",")),
        List.of(values.get("loads").split(",")),
        Arrays.stream(values.get("server-jvm-args").trim().split("\\s+")).filter(s -> !s.isEmpty()).toList(),
        values.get("server-cpus").trim(),
        values.get("profile"));
  }

  private static int positive(Map<String, String> values, String name) {
    int value = Integer.parseInt(values.get(name));
    if (value < 1) {
      throw new IllegalArgumentException("--" + name + " must be at least 1, was " + value);
    }
    return value;
  }
}
