package dev.vertxshop.benchmarks;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.util.Locale;

/**
 * The machine's ceiling for the end-to-end benchmark ({@code bench/e2e.sh}): the least work an HTTP
 * service on Vert.x can do per request, served on the same cores and loaded by the same generator
 * as the shop, so that the shop's orders per second can be read as a share of what the machine
 * allows rather than as a bare number.
 *
 * <ul>
 *   <li>{@code json}: {@code GET /json} answers a small JSON document built in memory: the cost of
 *       HTTP and the router alone.
 *   <li>{@code pg}: {@code GET /item} answers one row of PostgreSQL read by its primary key: HTTP plus
 *       one database round trip, through a pool built like the services' (8 connections shared by
 *       every event loop, prepared statements cached, pipelining 256).
 * </ul>
 *
 * <pre>
 * java -jar benchmarks/target/vertx-shop-benchmarks.jar json|pg [--port 8090] [--instances N]
 *      [--pg-url postgresql://postgres@127.0.0.1:5432/postgres] [--pool-size 8]
 * </pre>
 *
 * <p>{@code --instances} (default: the number of processors) is how many copies of the HTTP server
 * share the port, one per event loop. It prints {@code ceiling server (MODE) listening on URL} once
 * it accepts requests, and runs until the JVM is stopped.
 */
public final class CeilingServer {

  private CeilingServer() {}

  public static void main(String[] args) {
    Settings settings;
    try {
      settings = Settings.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(Settings.USAGE);
      System.exit(2);
      return;
    }
    Vertx vertx = Vertx.vertx();
    Pool pool = settings.mode() == Mode.PG ? pool(vertx, settings) : null;
    Future<Void> ready = pool == null ? Future.succeededFuture() : CeilingVerticle.createItems(pool);
    ready
        .compose(nothing -> vertx.deployVerticle(() -> new CeilingVerticle(settings.mode(), settings.port(), pool),
            new DeploymentOptions().setInstances(settings.instances())))
        .onSuccess(id -> System.out.printf("ceiling server (%s) listening on http://127.0.0.1:%d%s with %d instances%n",
            settings.mode().name().toLowerCase(Locale.ROOT), settings.port(), settings.mode().path(), settings.instances()))
        .onFailure(failure -> {
          System.err.println("The ceiling server could not start: " + failure);
          vertx.close().onComplete(closed -> System.exit(1));
        });
  }

  private static Pool pool(Vertx vertx, Settings settings) {
    PgConnectOptions connect = PgConnectOptions.fromUri(settings.pgUrl())
        .setCachePreparedStatements(true)
        .setPipeliningLimit(256);
    return PgBuilder.pool()
        .with(new PoolOptions().setMaxSize(settings.poolSize()).setMaxWaitQueueSize(10_000))
        .connectingTo(connect)
        .using(vertx)
        .build();
  }

  /** What a request costs beyond HTTP. */
  enum Mode {
    JSON("/json"),
    PG("/item");

    private final String path;

    Mode(String path) {
      this.path = path;
    }

    String path() {
      return path;
    }
  }

  /** The command line. */
  record Settings(Mode mode, int port, int instances, String pgUrl, int poolSize) {

    static final String USAGE = "usage: CeilingServer json|pg [--port 8090] [--instances N] [--pg-url URL] [--pool-size 8]";

    static Settings parse(String[] args) {
      if (args.length == 0) {
        throw new IllegalArgumentException("missing the mode: json or pg");
      }
      Mode mode = switch (args[0]) {
        case "json" -> Mode.JSON;
        case "pg" -> Mode.PG;
        default -> throw new IllegalArgumentException("unknown mode '" + args[0] + "': json or pg");
      };
      int port = 8090;
      int instances = Runtime.getRuntime().availableProcessors();
      String pgUrl = System.getenv().getOrDefault("PG_URL", "postgresql://postgres@127.0.0.1:5432/postgres");
      int poolSize = 8;
      for (int i = 1; i < args.length; i += 2) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("missing the value of " + args[i]);
        }
        String value = args[i + 1];
        switch (args[i]) {
          case "--port" -> port = positive(args[i], value);
          case "--instances" -> instances = positive(args[i], value);
          case "--pg-url" -> pgUrl = value;
          case "--pool-size" -> poolSize = positive(args[i], value);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Settings(mode, port, instances, pgUrl, poolSize);
    }

    private static int positive(String option, String value) {
      try {
        int number = Integer.parseInt(value);
        if (number > 0) {
          return number;
        }
      } catch (NumberFormatException e) {
        // Reported below like any other bad value.
      }
      throw new IllegalArgumentException(option + " needs a positive whole number, not '" + value + "'");
    }
  }
}
