package dev.vertxshop.launcher;

import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.platform.pg.PgSettings;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The PostgreSQL server that the services of one launcher use: the configured one ({@code pg.url}
 * or {@code pg.host}), an embedded one started for this run, or none when no selected service needs
 * a database.
 */
public final class ShopDatabase {

  /** Where the database comes from. */
  public enum Kind {
    CONFIGURED,
    EMBEDDED,
    NONE
  }

  private final Kind kind;
  private final PgSettings pg;
  private final EmbeddedDatabase embedded;

  private ShopDatabase(Kind kind, PgSettings pg, EmbeddedDatabase embedded) {
    this.kind = kind;
    this.pg = pg;
    this.embedded = embedded;
  }

  /** No database. */
  static ShopDatabase none() {
    return new ShopDatabase(Kind.NONE, null, null);
  }

  /**
   * The configured server, or an embedded one started now when none is configured and {@code
   * needed}. The embedded server starts on a worker thread.
   */
  static Future<ShopDatabase> provide(Vertx vertx, Settings settings, boolean needed) {
    if (!needed) {
      return Future.succeededFuture(none());
    }
    Optional<PgSettings> configured = PgSettings.configured(settings);
    if (configured.isPresent()) {
      return Future.succeededFuture(new ShopDatabase(Kind.CONFIGURED, configured.get(), null));
    }
    return vertx.executeBlocking(EmbeddedDatabase::start, false)
        .map(started -> new ShopDatabase(Kind.EMBEDDED, pgSettings(started.applyTo(settings)), started));
  }

  /**
   * {@code settings} as the services will see them once the database is known; an embedded server's
   * address is not known before it starts, so configuration checks use a stand-in.
   */
  static Settings standIn(Settings settings, boolean needed) {
    if (!needed || PgSettings.configured(settings).isPresent()) {
      return settings;
    }
    return EmbeddedDatabase.pointAt(settings, 5432);
  }

  private static PgSettings pgSettings(Settings settings) {
    return PgSettings.configured(settings)
        .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL left pg.host empty"));
  }

  /** {@code settings} with the {@code pg.*} keys of an embedded server; unchanged otherwise. */
  Settings applyTo(Settings settings) {
    return embedded == null ? settings : embedded.applyTo(settings);
  }

  public Kind kind() {
    return kind;
  }

  /** The server's address and login; empty when no database is used. */
  public Optional<PgSettings> pg() {
    return Optional.ofNullable(pg);
  }

  /** Where an embedded server keeps its data; empty otherwise. */
  public Optional<Path> dataDirectory() {
    return embedded == null ? Optional.empty() : Optional.of(embedded.dataDirectory());
  }

  /** One line for the console, without the password. */
  public String describe() {
    return switch (kind) {
      case CONFIGURED -> "PostgreSQL at " + pg.describe() + " (configured)";
      case EMBEDDED -> "embedded PostgreSQL at " + pg.describe() + " (data in " + embedded.dataDirectory()
          + ", deleted on exit; set PG_HOST or PG_URL to use a server of your own)";
      case NONE -> "none (no selected service needs PostgreSQL)";
    };
  }

  /** Stops an embedded server and deletes its data; blocks. Nothing to do otherwise. */
  void stop() {
    if (embedded != null) {
      embedded.stop();
    }
  }
}
