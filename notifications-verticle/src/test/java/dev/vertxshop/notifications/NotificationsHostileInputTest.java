package dev.vertxshop.notifications;

import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestKafka;
import dev.vertxshop.testing.TestPostgres;
import dev.vertxshop.testing.TestRedis;
import dev.vertxshop.testing.TestTokens;
import dev.vertxshop.testing.hostile.HostileCase;
import dev.vertxshop.testing.hostile.HostileProbe;
import dev.vertxshop.testing.hostile.HostileRequests;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile input on the notifications API ({@code GET /api/notifications?orderId=}): each request is
 * refused with a 4xx problem (never a 5xx, never a stack trace), and no row of the notifications
 * schema changes.
 */
class NotificationsHostileInputTest {

  private static final Pattern UUID_TEXT = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private static Vertx vertx;
  private static TestDatabase database;
  private static TestSmtp smtp;
  private static HostileProbe probe;

  @BeforeContainer
  static void start() throws Exception {
    vertx = Vertx.vertx();
    database = TestPostgres.createDatabase();
    smtp = TestSmtp.start();
    Map<String, String> env = new HashMap<>(database.env());
    env.putAll(TestTokens.env());
    env.put("NOTIFICATIONS_HTTP_PORT", "0");
    env.put("KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
    env.put("REDIS_URL", TestRedis.url());
    env.put("NOTIFICATIONS_SMTP_HOST", "127.0.0.1");
    env.put("NOTIFICATIONS_SMTP_PORT", Integer.toString(smtp.port()));
    env.put("NOTIFICATIONS_SMTP_STARTTLS", "none");
    NotificationsConfig config = NotificationsConfig.from(ConfigLoader.load(env));
    NotificationsVerticle verticle = new NotificationsVerticle(new NotificationsConfig(config.httpPort(), config.bodyLimitBytes(),
        config.pg(), config.kafka(), config.redis(), config.consumer().withGroup("notifications-hostile-" + UUID.randomUUID()),
        config.smtp(), config.from(), config.auth()));
    vertx.deployVerticle(verticle).await(30, TimeUnit.SECONDS);
    probe = new HostileProbe("notifications", verticle.httpPort(), database, "notifications");
  }

  @AfterContainer
  static void stop() throws Exception {
    probe.close();
    vertx.close().await(30, TimeUnit.SECONDS);
    smtp.close();
    database.close();
  }

  /** The headers every request carries: a token that may call every operation, so that each input reaches validation. */
  private static Map<String, String> headers() {
    return Map.of("Authorization", TestTokens.bearer(
        TestTokens.DEFAULT.token("cust-1", List.of(TestTokens.ADMIN, TestTokens.INTERNAL), Duration.ofHours(1))));
  }

  @Property(tries = 150)
  void listSentEmails(@ForAll("sentEmailsRequests") HostileCase hostile) {
    probe.check("GET /api/notifications", hostile);
  }

  @Provide
  Arbitrary<HostileCase> sentEmailsRequests() {
    Arbitrary<String> badIds = Arbitraries.oneOf(
        HostileRequests.badQueryValues(s -> UUID_TEXT.matcher(s).matches()),
        Arbitraries.of(UUID.randomUUID() + "x", UUID.randomUUID().toString().replace("-", ""), "{" + UUID.randomUUID() + "}"));
    Arbitrary<String> segments = Arbitraries.oneOf(badIds.map(id -> "?orderId=" + id), Arbitraries.of("", "?", "?orderId", "?orderid=x"));
    return HostileRequests.withBadSegment("GET", query -> "/api/notifications" + query, segments, headers());
  }
}
