package dev.vertxshop.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL server that tests use: the one at {@code PG_HOST}/{@code PG_PORT} (default
 * 127.0.0.1:5432) when it answers, otherwise an embedded server started once for the JVM. Each test
 * class takes a database of its own from {@link #createDatabase()}, so tests never see each other's
 * rows and can run in any order.
 */
public final class TestPostgres {

  private static final Logger LOG = LoggerFactory.getLogger(TestPostgres.class);
  private static Server server;

  private TestPostgres() {}

  /** A server address and its login. */
  public record Server(String host, int port, String user, String password, String origin) {
    String jdbcUrl(String database) {
      return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }
  }

  public static synchronized Server server() {
    if (server == null) {
      server = locate();
    }
    return server;
  }

  /** A new empty database, dropped when the returned handle is closed. */
  public static TestDatabase createDatabase() {
    Server s = server();
    String name = "shop_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
    execute(s, "CREATE DATABASE " + name);
    return new TestDatabase(s, name);
  }

  static void execute(Server s, String sql) {
    try (Connection c = DriverManager.getConnection(s.jdbcUrl("postgres"), s.user(), s.password());
        Statement st = c.createStatement()) {
      st.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + s.host() + ":" + s.port() + " refused: " + sql, e);
    }
  }

  private static Server locate() {
    Map<String, String> env = System.getenv();
    String host = env.getOrDefault("PG_HOST", "127.0.0.1");
    int port = Integer.parseInt(env.getOrDefault("PG_PORT", "5432"));
    String user = env.getOrDefault("PG_USER", "postgres");
    String password = env.getOrDefault("PG_PASSWORD", "");
    if (answers(host, port)) {
      LOG.info("Tests use the PostgreSQL server at {}:{} (user {})", host, port, user);
      return new Server(host, port, user, password, "configured");
    }
    LOG.info("No PostgreSQL answers at {}:{}; tests start an embedded PostgreSQL", host, port);
    try {
      EmbeddedPostgres embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embedded.close();
        } catch (IOException ignored) {
          // the JVM is going away; the data directory is temporary
        }
      }));
      LOG.info("Tests use an embedded PostgreSQL on 127.0.0.1:{}", embedded.getPort());
      return new Server("127.0.0.1", embedded.getPort(), "postgres", "", "embedded");
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start an embedded PostgreSQL", e);
    }
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
