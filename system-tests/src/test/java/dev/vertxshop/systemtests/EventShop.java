package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vertxshop.embedded.EmbeddedKafka;
import dev.vertxshop.embedded.EmbeddedSmtp;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import dev.vertxshop.testing.TestRedis;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The whole shop with its order events: the services in one or more JVMs started from the fat jar
 * ({@link ShopProcess}), against a throw-away database, a Kafka broker of its own inside the test
 * JVM (so a test can stop it and start it again with its data), an SMTP server inside the test JVM
 * (GreenMail) that keeps every mail, and a Redis database of its own on the tests' Redis server.
 *
 * <p>{@link #clustered} joins the JVMs into one Hazelcast cluster on loopback, as the shop runs on
 * several machines: there the services find each other through the cluster, and a JVM that is
 * killed and started again keeps its ports (HTTP, gRPC and Hazelcast).
 */
public final class EventShop implements AutoCloseable {

  /** The services that consume the topic {@code orders}; each is its own consumer group. */
  public static final List<String> CONSUMERS = List.of("inventory", "notifications", "analytics");
  /** Every service, for a shop in one JVM. */
  public static final List<String> ALL_SERVICES = List.of("orders", "inventory", "payments", "fraud", "notifications", "analytics");
  /**
   * The shop spread over three JVMs, as it is deployed on several machines: orders; inventory and
   * payments; fraud, notifications and analytics.
   */
  public static final Map<String, List<String>> THREE_JVMS = threeJvms();
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
  /**
   * The Redis database the event tests use on the tests' Redis server, so that emptying it
   * (FLUSHDB) touches nothing any other test keeps there.
   */
  private static final int REDIS_DATABASE = 9;
  private static final Pattern ORDER_IN_SUBJECT = Pattern.compile("order ([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  public final TestDatabase database;
  public final EmbeddedKafka kafka;
  public final EmbeddedSmtp smtp;
  public final String redisUrl;
  public final Vertx vertx;
  public final WebClient client;
  /**
   * For readiness and discovery only: a load on {@link #client} can take every connection of its
   * pool to a slow service, and a probe must not wait behind it.
   */
  private final WebClient probes;
  private final Map<String, Integer> ports = new HashMap<>();
  private final int fraudGrpcPort;
  private final Map<String, List<String>> jvms;
  private final boolean clustered;
  private final Map<String, ShopProcess> processes = new LinkedHashMap<>();

  private EventShop(Map<String, List<String>> jvms, Map<String, String> extraEnv, boolean clustered) {
    this.jvms = new LinkedHashMap<>(jvms);
    this.clustered = clustered;
    database = TestPostgres.createDatabase();
    vertx = Vertx.vertx();
    client = ShopTokens.authorize(WebClient.create(vertx, new WebClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(200)));
    probes = ShopTokens.authorize(WebClient.create(vertx, new WebClientOptions().setKeepAlive(true), new PoolOptions().setHttp1MaxSize(4)));
    redisUrl = ownRedisDatabase(TestRedis.url());
    EmbeddedKafka startedKafka = null;
    EmbeddedSmtp startedSmtp = null;
    try {
      startedKafka = EmbeddedKafka.start(0, null);
      startedSmtp = EmbeddedSmtp.start(0);
    } catch (RuntimeException e) {
      List<AutoCloseable> started = new ArrayList<>();
      started.add(() -> TcpProxy.await(vertx.close()));
      if (startedKafka != null) {
        started.add(startedKafka);
      }
      started.add(database);
      closeAll(started);
      throw e;
    }
    kafka = startedKafka;
    smtp = startedSmtp;
    try {
      List<Integer> free = DistributedShop.freePorts(ALL_SERVICES.size() + 1);
      for (int i = 0; i < ALL_SERVICES.size(); i++) {
        ports.put(ALL_SERVICES.get(i), free.get(i));
      }
      fraudGrpcPort = free.get(ALL_SERVICES.size());
      Map<String, String> env = environment(extraEnv);
      startAll(clustered ? withClusterMembership(env) : sameForEach(env));
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * Starts the JVMs (name to services, all at the same time) and waits until each is ready; {@code
   * extraEnv} is added to every one's configuration.
   */
  public static EventShop start(Map<String, List<String>> jvms, Map<String, String> extraEnv) {
    return new EventShop(jvms, extraEnv, false);
  }

  /**
   * Starts the JVMs (name to services, all at the same time) as members of one cluster, and waits
   * until every service is ready and every member's discovery lists the endpoints of every service.
   */
  public static EventShop clustered(Map<String, List<String>> jvms, Map<String, String> extraEnv) {
    return new EventShop(jvms, extraEnv, true);
  }

  /** Every service in one JVM named {@code shop}. */
  public static EventShop inOneJvm(Map<String, String> extraEnv) {
    return start(Map.of("shop", ALL_SERVICES), extraEnv);
  }

  private Map<String, String> environment(Map<String, String> extraEnv) {
    Map<String, String> env = new HashMap<>(database.env());
    ports.forEach((service, port) -> env.put(service.toUpperCase(Locale.ROOT) + "_HTTP_PORT", Integer.toString(port)));
    env.put("FRAUD_GRPC_PORT", Integer.toString(fraudGrpcPort));
    if (!clustered) {
      // Members of a cluster find each other's services through it; JVMs on their own are told.
      env.put("INVENTORY_SERVICE_URL", "http://127.0.0.1:" + ports.get("inventory"));
      env.put("PAYMENTS_SERVICE_URL", "http://127.0.0.1:" + ports.get("payments"));
      env.put("FRAUD_SERVICE_ADDRESS", "127.0.0.1:" + fraudGrpcPort);
    }
    env.put("INVENTORY_DEMO_CATALOGUE", "false");
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("REDIS_URL", redisUrl);
    env.put("NOTIFICATIONS_SMTP_HOST", smtp.host());
    env.put("NOTIFICATIONS_SMTP_PORT", Integer.toString(smtp.port()));
    env.put("NOTIFICATIONS_SMTP_STARTTLS", "none");
    // A consumer that died holding an event's PROCESSING mark blocks its redelivery for this long.
    env.put("EVENTS_CONSUMER_PROCESSING_LEASE_MS", "2000");
    env.put("EVENTS_CONSUMER_RETRY_BACKOFF_MS", "200");
    env.put("EVENTS_CONSUMER_RETRY_BACKOFF_MAX_MS", "2000");
    env.putAll(extraEnv);
    return env;
  }

  private static Map<String, List<String>> threeJvms() {
    Map<String, List<String>> jvms = new LinkedHashMap<>();
    jvms.put("orders", List.of("orders"));
    jvms.put("inventory-payments", List.of("inventory", "payments"));
    jvms.put("fraud-notifications-analytics", List.of("fraud", "notifications", "analytics"));
    return Collections.unmodifiableMap(jvms);
  }

  private Map<String, Map<String, String>> sameForEach(Map<String, String> env) {
    Map<String, Map<String, String>> envs = new LinkedHashMap<>();
    jvms.keySet().forEach(jvm -> envs.put(jvm, env));
    return envs;
  }

  /** Each JVM's Hazelcast port on loopback, and the list of the others to join. */
  private Map<String, Map<String, String>> withClusterMembership(Map<String, String> env) {
    List<Integer> hazelcastPorts = DistributedShop.freePorts(jvms.size());
    List<String> members = hazelcastPorts.stream().map(port -> "127.0.0.1:" + port).toList();
    Map<String, Map<String, String>> envs = new LinkedHashMap<>();
    int i = 0;
    for (String jvm : jvms.keySet()) {
      Map<String, String> member = new HashMap<>(env);
      member.put("CLUSTER_ENABLED", "true");
      member.put("CLUSTER_HOST", "127.0.0.1");
      member.put("CLUSTER_PORT", Integer.toString(hazelcastPorts.get(i)));
      String self = members.get(i);
      member.put("CLUSTER_MEMBERS", String.join(",", members.stream().filter(other -> !other.equals(self)).toList()));
      member.put("CLUSTER_EVENT_BUS_PORT", "0");
      envs.put(jvm, member);
      i++;
    }
    return envs;
  }

  private void startAll(Map<String, Map<String, String>> envs) {
    // Log files are named after the database, so each test's logs stay apart.
    ExecutorService starters = Executors.newFixedThreadPool(jvms.size());
    Map<String, CompletableFuture<ShopProcess>> starting = new LinkedHashMap<>();
    jvms.forEach((jvm, services) -> starting.put(jvm, CompletableFuture.supplyAsync(
        () -> ShopProcess.start(database.name() + "-" + jvm, services, envs.get(jvm)), starters)));
    RuntimeException failure = null;
    try {
      for (Map.Entry<String, CompletableFuture<ShopProcess>> entry : starting.entrySet()) {
        try {
          processes.put(entry.getKey(), entry.getValue().join());
        } catch (CompletionException e) {
          failure = e.getCause() instanceof RuntimeException cause ? cause : e;
        }
      }
    } finally {
      starters.shutdown();
    }
    if (failure != null) {
      throw failure;
    }
    jvms.keySet().forEach(this::awaitReady);
  }

  /**
   * Starts the JVM {@code jvm} again (after a kill or a stop) with the same configuration and ports,
   * and waits until its services are ready and, in a cluster, found by every member.
   */
  public void restart(String jvm) {
    process(jvm).start();
    awaitReady(jvm);
  }

  /**
   * Waits until {@code GET /health/ready} answers 200 on every service of {@code jvm} and, in a
   * cluster, every running member's discovery lists an endpoint of every service.
   */
  private void awaitReady(String jvm) {
    await().atMost(READY_TIMEOUT).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
        .untilAsserted(() -> assertThat(notReady(jvm)).as("what is not ready yet").isEmpty());
  }

  /** What keeps {@code jvm} from being ready, one line per reason. */
  private List<String> notReady(String jvm) {
    List<String> reasons = new ArrayList<>();
    for (String service : jvms.get(jvm)) {
      try {
        HttpResponse<Buffer> ready = TcpProxy.await(probes.get(port(service), "127.0.0.1", "/health/ready").timeout(5_000).send());
        if (ready.statusCode() != 200) {
          reasons.add(service + " /health/ready answered " + ready.statusCode() + ": " + ready.bodyAsString());
        }
      } catch (RuntimeException e) {
        reasons.add(service + " /health/ready failed: " + e.getMessage());
      }
    }
    if (clustered) {
      processes.forEach((member, process) -> {
        if (process.isAlive()) {
          String service = jvms.get(member).get(0);
          try {
            Set<String> missing = new TreeSet<>(services());
            missing.removeAll(discoveredServices(discovery(service)));
            if (!missing.isEmpty()) {
              reasons.add("the discovery of " + member + " lacks " + missing);
            }
          } catch (RuntimeException e) {
            reasons.add("the discovery of " + member + " failed: " + e.getMessage());
          }
        }
      });
    }
    return reasons;
  }

  /** Every service of the shop, whichever JVM runs it. */
  public Set<String> services() {
    Set<String> services = new TreeSet<>();
    jvms.values().forEach(services::addAll);
    return services;
  }

  /** {@code GET /admin/discovery} of {@code service}: its member, the members and their endpoints. */
  public JsonObject discovery(String service) {
    HttpResponse<Buffer> response = TcpProxy.await(probes.get(port(service), "127.0.0.1", "/admin/discovery").timeout(5_000).send());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(service + " GET /admin/discovery answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** The services that have an endpoint in {@code discovery} (an answer of {@link #discovery}). */
  public static Set<String> discoveredServices(JsonObject discovery) {
    Set<String> services = new TreeSet<>();
    discovery.getJsonArray("endpoints").forEach(endpoint -> services.add(((JsonObject) endpoint).getString("service")));
    return services;
  }

  /** The services the JVM named {@code jvm} runs. */
  public List<String> servicesOf(String jvm) {
    return jvms.get(jvm);
  }

  /** The JVM named {@code jvm}. */
  public ShopProcess process(String jvm) {
    ShopProcess process = processes.get(jvm);
    if (process == null) {
      throw new IllegalArgumentException("no JVM " + jvm + " in " + processes.keySet());
    }
    return process;
  }

  /** The output files of every run of every JVM of this shop. */
  public List<Path> logs() {
    return processes.values().stream().flatMap(process -> process.logs().stream()).toList();
  }

  /** The HTTP port of {@code service}. */
  public int port(String service) {
    return ports.get(service);
  }

  /** {@code path} (starting with '/') on {@code service}'s HTTP port. */
  public URI url(String service, String path) {
    return URI.create("http://127.0.0.1:" + port(service) + path);
  }

  public ShopAudit audit() {
    return new ShopAudit(database);
  }

  public EventAudit events() {
    return new EventAudit(audit());
  }

  /** Creates or replaces a product on inventory. */
  public void putProduct(String productId, int priceCents, int available) {
    HttpResponse<Buffer> response = TcpProxy.await(client.put(port("inventory"), "127.0.0.1", "/api/products/" + productId)
        .sendJsonObject(new JsonObject().put("name", "Item " + productId).put("priceCents", priceCents).put("available", available)));
    if (response.statusCode() != 200 && response.statusCode() != 201) {
      throw new IllegalStateException("PUT product answered " + response.statusCode() + ": " + response.bodyAsString());
    }
  }

  /** Places one order and answers the orders API's answer (status and body). */
  public HttpResponse<Buffer> placeOrder(JsonObject body) {
    return TcpProxy.await(client.post(port("orders"), "127.0.0.1", "/api/orders").timeout(30_000).sendJsonObject(body));
  }

  /** {@code service}'s consumer group as {@code GET /admin/events} shows it. */
  public JsonObject consumerStatus(String service) {
    HttpResponse<Buffer> response = TcpProxy.await(client.get(port(service), "127.0.0.1", "/admin/events").timeout(10_000).send());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(service + " GET /admin/events answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    JsonArray consumers = response.bodyAsJsonObject().getJsonArray("consumers");
    if (consumers.size() != 1) {
      throw new IllegalStateException(service + " has " + consumers.size() + " consumer groups, not one: " + consumers);
    }
    return consumers.getJsonObject(0);
  }

  /**
   * True when every consumer group has taken everything published so far on {@code orders} and on
   * its retry topic (lag 0), and no service is unreachable.
   */
  public boolean consumersCaughtUp() {
    for (String service : CONSUMERS) {
      JsonObject status;
      try {
        status = consumerStatus(service);
      } catch (RuntimeException e) {
        return false;
      }
      if (status.getLong("lag") != 0 || status.getLong("retryLag", 0L) != 0) {
        return false;
      }
    }
    return true;
  }

  /** {@code POST /admin/dead-letters/replay} on {@code service}. */
  public HttpResponse<Buffer> replayDeadLetters(String service) {
    return TcpProxy.await(client.post(port(service), "127.0.0.1", "/admin/dead-letters/replay").timeout(30_000).send());
  }

  /** Analytics' report of the last 30 days ({@code GET /api/analytics/conversions}). */
  public JsonObject conversions() {
    HttpResponse<Buffer> response = TcpProxy.await(client.get(port("analytics"), "127.0.0.1", "/api/analytics/conversions").send());
    if (response.statusCode() != 200) {
      throw new IllegalStateException("GET /api/analytics/conversions answered " + response.statusCode() + ": " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  /** The mails the SMTP server received, counted per order id named in the subject. */
  public Map<String, Long> mailsByOrder() {
    Map<String, Long> counts = new TreeMap<>();
    for (EmbeddedSmtp.ReceivedMail mail : smtp.receivedMessages()) {
      Matcher matcher = ORDER_IN_SUBJECT.matcher(mail.subject());
      counts.merge(matcher.find() ? matcher.group(1) : "(no order) " + mail.subject(), 1L, Long::sum);
    }
    return counts;
  }

  /** The mails about one order, oldest first. */
  public List<EmbeddedSmtp.ReceivedMail> mailsAbout(String orderId) {
    List<EmbeddedSmtp.ReceivedMail> mails = new ArrayList<>();
    for (EmbeddedSmtp.ReceivedMail mail : smtp.receivedMessages()) {
      if (mail.subject().contains(orderId)) {
        mails.add(mail);
      }
    }
    return mails;
  }

  /** Empties the consumers' Redis database: every DONE and PROCESSING mark is gone. */
  public void flushRedis() {
    Redis redis = Redis.createClient(vertx, redisUrl);
    try {
      TcpProxy.await(redis.send(Request.cmd(Command.FLUSHDB)));
    } finally {
      TcpProxy.await(redis.close());
    }
  }

  private static String ownRedisDatabase(String url) {
    String path = URI.create(url).getPath();
    return path == null || path.isEmpty() || path.equals("/") ? url.replaceAll("/$", "") + "/" + REDIS_DATABASE : url;
  }

  @Override
  public void close() {
    List<AutoCloseable> closeables = new ArrayList<>(processes.values());
    // Closing Vert.x closes its web clients too.
    closeables.add(() -> TcpProxy.await(vertx.close()));
    closeables.add(smtp);
    closeables.add(kafka);
    closeables.add(database);
    closeAll(closeables);
  }

  private static void closeAll(List<AutoCloseable> closeables) {
    for (AutoCloseable closeable : closeables) {
      try {
        closeable.close();
      } catch (Exception ignored) {
        // best effort: the next one must still be closed
      }
    }
  }
}
