package dev.vertxshop.testing;

import java.util.Map;

/** A throw-away database on the {@link TestPostgres} server. */
public final class TestDatabase implements AutoCloseable {

  private final TestPostgres.Server server;
  private final String name;

  TestDatabase(TestPostgres.Server server, String name) {
    this.server = server;
    this.name = name;
  }

  public String host() {
    return server.host();
  }

  public int port() {
    return server.port();
  }

  public String name() {
    return name;
  }

  public String user() {
    return server.user();
  }

  public String password() {
    return server.password();
  }

  public String jdbcUrl() {
    return server.jdbcUrl(name);
  }

  /** The environment variables that point a service at this database. */
  public Map<String, String> env() {
    return Map.of(
        "PG_HOST", server.host(),
        "PG_PORT", Integer.toString(server.port()),
        "PG_DATABASE", name,
        "PG_USER", server.user(),
        "PG_PASSWORD", server.password());
  }

  @Override
  public void close() {
    TestPostgres.execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }
}
