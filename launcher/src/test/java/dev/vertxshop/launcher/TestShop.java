package dev.vertxshop.launcher;

import dev.vertxshop.embedded.EmbeddedSmtp;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestPostgres;
import dev.vertxshop.testing.TestRedis;
import dev.vertxshop.testing.TestTokens;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The shop running in this JVM for end-to-end tests: the chosen services (all by default) on free
 * ports, against a throw-away database of their own on the test PostgreSQL server, the test JVM's
 * Kafka broker ({@link TestKafka}) and Redis server ({@link TestRedis}), and an embedded SMTP server
 * on a free port that keeps the mails for the test to read ({@link #smtp()}). Closing it stops the
 * services and the SMTP server and drops the database.
 *
 * <pre>{@code
 * try (TestShop shop = TestShop.start()) {
 *   HttpResponse<String> placed = shop.post("orders", "/api/orders", orderJson);
 *   HttpResponse<String> stock = shop.get("inventory", "/api/products/" + productId);
 * }
 * }</pre>
 */
public final class TestShop implements AutoCloseable {

  private static final long START_TIMEOUT_SECONDS = 90;
  private static final long STOP_TIMEOUT_SECONDS = 30;

  private final TestDatabase database;
  private final RunningShop shop;

  private TestShop(TestDatabase database, RunningShop shop) {
    this.database = database;
    this.shop = shop;
  }

  /** Every service, with the default configuration (the demo catalogue is loaded). */
  public static TestShop start() {
    return start(Services.NAMES, Map.of());
  }

  /**
   * {@code services}, configured by the defaults, then the test database, Kafka, Redis and free
   * ports, then {@code env} (e.g. {@code Map.of("INVENTORY_DEMO_CATALOGUE", "false")}). The
   * machine's own environment is not read.
   */
  public static TestShop start(Collection<String> services, Map<String, String> env) {
    TestDatabase database = TestPostgres.createDatabase();
    try {
      Map<String, String> merged = new HashMap<>(database.env());
      // The services trust the test identity provider; a test that wants the development key pair blanks these.
      merged.putAll(TestTokens.env());
      Iterator<Integer> ports = FreePorts.pick(Services.NAMES.size()).iterator();
      for (String service : Services.NAMES) {
        merged.put(Settings.envName(service + ".http.port"), Integer.toString(ports.next()));
      }
      // 0: the launcher picks a free port for fraud's gRPC server and points payments at it.
      merged.put("FRAUD_GRPC_PORT", "0");
      merged.put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
      merged.put("REDIS_URL", TestRedis.url());
      // notifications.smtp.host stays empty: the launcher starts an SMTP server, here on a free port.
      merged.put("NOTIFICATIONS_SMTP_EMBEDDED_PORT", "0");
      merged.putAll(env);
      RunningShop shop = Shop.start(ConfigLoader.load(merged), services).await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return new TestShop(database, shop);
    } catch (TimeoutException e) {
      database.close();
      throw new IllegalStateException("The shop did not start within " + START_TIMEOUT_SECONDS + " s", e);
    } catch (Exception e) {
      // await() rethrows the start-up failure as it is, checked or not.
      database.close();
      throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException("The shop did not start: " + e, e);
    }
  }

  public RunningShop shop() {
    return shop;
  }

  public TestDatabase database() {
    return database;
  }

  /** The SMTP server the launcher started for notifications, with the mails it received. */
  public EmbeddedSmtp smtp() {
    return shop.smtp().orElseThrow(() -> new IllegalStateException("No embedded SMTP server: notifications is not running"));
  }

  /** The base URL of a running service, e.g. {@code http://127.0.0.1:41234}. */
  public URI url(String service) {
    return shop.url(service);
  }

  /** {@code path} (starting with '/') on a running service. */
  public URI url(String service, String path) {
    return URI.create(url(service) + path);
  }

  public HttpResponse<String> get(String service, String path) {
    return Http.get(url(service, path));
  }

  public HttpResponse<String> post(String service, String path, String json) {
    return Http.post(url(service, path), json);
  }

  public HttpResponse<String> put(String service, String path, String json) {
    return Http.put(url(service, path), json);
  }

  @Override
  public void close() {
    try {
      shop.close().await(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new IllegalStateException("The shop did not stop within " + STOP_TIMEOUT_SECONDS + " s", e);
    } finally {
      database.close();
    }
  }
}
