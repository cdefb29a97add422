package dev.vertxshop.launcher;

import dev.vertxshop.platform.config.Settings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (the binaries come in the jar) started by the launcher when no server is
 * configured, so that {@code java -jar vertx-shop.jar} runs on a machine that has none. Its data
 * lives in a fresh directory under the system temp directory and is deleted when it stops.
 */
final class EmbeddedDatabase {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  static final String HOST = "127.0.0.1";
  static final String DATABASE = "postgres";
  static final String USER = "postgres";

  private final EmbeddedPostgres postgres;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
  }

  /** Blocks for the 2-4 s that initdb and the server start take; call it off the event loop. */
  static EmbeddedDatabase start() {
    long begin = System.nanoTime();
    try {
      Path dataDirectory = Files.createTempDirectory("vertx-shop-pg-");
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setPort(FreePorts.pick())
          .setDataDirectory(dataDirectory)
          .setCleanDataDirectory(true)
          // The launcher stops the server itself, after the services have closed their pools.
          .setRegisterShutdownHook(false)
          .start();
      LOG.info("Embedded PostgreSQL started on {}:{} in {} ms (data in {})",
          HOST, postgres.getPort(), (System.nanoTime() - begin) / 1_000_000, dataDirectory);
      return new EmbeddedDatabase(postgres, dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start the embedded PostgreSQL: " + e.getMessage(), e);
    }
  }

  /** {@code settings} pointing at a server on {@code port} with the embedded server's login. */
  static Settings pointAt(Settings settings, int port) {
    return settings
        .with("pg.url", "")
        .with("pg.host", HOST)
        .with("pg.port", port)
        .with("pg.database", DATABASE)
        .with("pg.user", USER)
        .with("pg.password", "");
  }

  Settings applyTo(Settings settings) {
    return pointAt(settings, port());
  }

  int port() {
    return postgres.getPort();
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the server and deletes its data directory; blocks. */
  void stop() {
    try {
      postgres.close();
      LOG.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.warn("Embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
