package dev.vertxshop.platform.pg;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import io.vertx.pgclient.PgConnectOptions;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Where the PostgreSQL server is and how to log in. Built from {@code pg.url}, or from {@code
 * pg.host}, {@code pg.port}, {@code pg.database}, {@code pg.user} and {@code pg.password}.
 */
public record PgSettings(String host, int port, String database, String user, String password, int poolSize) {

  public PgSettings {
    if (host == null || host.isBlank()) {
      throw new ConfigException("pg.host", "a host is required");
    }
    if (database == null || database.isBlank()) {
      throw new ConfigException("pg.database", "a database name is required");
    }
    if (user == null || user.isBlank()) {
      throw new ConfigException("pg.user", "a user is required");
    }
    password = password == null ? "" : password;
  }

  /** The configured server, or empty when neither {@code pg.url} nor {@code pg.host} is set. */
  public static Optional<PgSettings> configured(Settings settings) {
    int poolSize = settings.integer("pg.pool-size", 1, 1000);
    Optional<String> url = settings.optionalString("pg.url");
    if (url.isPresent()) {
      return Optional.of(fromUrl(url.get(), poolSize));
    }
    return settings
        .optionalString("pg.host")
        .map(host -> new PgSettings(
            host,
            settings.port("pg.port"),
            settings.string("pg.database"),
            settings.string("pg.user"),
            settings.optionalString("pg.password").orElse(""),
            poolSize));
  }

  /** Parses {@code postgresql://user:password@host:port/database} (also {@code postgres://}). */
  public static PgSettings fromUrl(String url, int poolSize) {
    try {
      URI uri = new URI(url.startsWith("jdbc:") ? url.substring(5) : url);
      if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme())) {
        throw new ConfigException("pg.url", "expected postgresql://user:password@host:port/database");
      }
      String user = "postgres";
      String password = "";
      if (uri.getRawUserInfo() != null) {
        String[] parts = uri.getRawUserInfo().split(":", 2);
        user = decode(parts[0]);
        password = parts.length > 1 ? decode(parts[1]) : "";
      }
      String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
      return new PgSettings(
          uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), path.isEmpty() ? "postgres" : path, user, password, poolSize);
    } catch (URISyntaxException e) {
      throw new ConfigException("pg.url", "not a URL");
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  public PgSettings withDatabase(String otherDatabase) {
    return new PgSettings(host, port, otherDatabase, user, password, poolSize);
  }

  public PgSettings withPoolSize(int size) {
    return new PgSettings(host, port, database, user, password, size);
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public PgConnectOptions connectOptions() {
    return new PgConnectOptions()
        .setHost(host)
        .setPort(port)
        .setDatabase(database)
        .setUser(user)
        .setPassword(password)
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
  }

  /** The address without the password, for logs. */
  public String describe() {
    return user + "@" + host + ":" + port + "/" + database;
  }

  @Override
  public String toString() {
    return "PgSettings[" + describe() + ", poolSize=" + poolSize + "]";
  }
}
