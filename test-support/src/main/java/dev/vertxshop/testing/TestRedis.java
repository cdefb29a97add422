package dev.vertxshop.testing;

import dev.vertxshop.embedded.EmbeddedRedis;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Redis server that tests use: the one named by the {@code REDIS_URL} environment variable when
 * it is set, otherwise the one at 127.0.0.1:6379 when it answers, otherwise one started for the test
 * JVM on a free port and stopped when the JVM exits. Tests share the server: each uses keys of its
 * own (random prefixes or consumer-group names) and never empties the whole server.
 */
public final class TestRedis {

  private static final Logger LOG = LoggerFactory.getLogger(TestRedis.class);
  private static final String LOCAL_HOST = "127.0.0.1";
  private static final int LOCAL_PORT = 6379;
  private static String url;

  private TestRedis() {}

  /** {@code redis://host:port} (redis.url). */
  public static synchronized String url() {
    if (url == null) {
      url = locate();
    }
    return url;
  }

  private static String locate() {
    String configured = System.getenv("REDIS_URL");
    if (configured != null && !configured.isBlank()) {
      LOG.info("Tests use the Redis server at {}", configured.trim());
      return configured.trim();
    }
    if (answers(LOCAL_HOST, LOCAL_PORT)) {
      String local = "redis://" + LOCAL_HOST + ":" + LOCAL_PORT;
      LOG.info("Tests use the Redis server at {}", local);
      return local;
    }
    EmbeddedRedis redis = EmbeddedRedis.start(0);
    Runtime.getRuntime().addShutdownHook(new Thread(redis::close, "test-redis-stop"));
    LOG.info("No Redis answers at {}:{}; tests use an embedded Redis at {}", LOCAL_HOST, LOCAL_PORT, redis.url());
    return redis.url();
  }

  private static boolean answers(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
