package dev.vertxshop.platform.pg;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.testing.TestDatabase;
import dev.vertxshop.testing.TestPostgres;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DatabaseTest {

  private TestDatabase db;
  private Vertx vertx;

  @BeforeEach
  void setUp() {
    db = TestPostgres.createDatabase();
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() throws Exception {
    await(vertx.close());
    db.close();
  }

  private static <T> T await(Future<T> future) throws Exception {
    return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void migrationsCreateTheSchemaOnceAndThePoolUsesIt() throws Exception {
    PgSettings pg = PgSettings.configured(ConfigLoader.load(db.env())).orElseThrow();
    await(Database.migrate(vertx, pg, "widgets"));
    await(Database.migrate(vertx, pg, "widgets"));
    Pool pool = Database.pool(vertx, pg);
    await(Database.ping(pool));
    await(pool.preparedQuery("INSERT INTO widgets.widgets (id, count) VALUES ($1, $2)").execute(Tuple.of("w1", 3)));
    int count = await(pool.query("SELECT count FROM widgets.widgets").execute()).iterator().next().getInteger(0);
    assertThat(count).isEqualTo(3);
    int versions = await(pool.query("SELECT count(*) FROM widgets.flyway_schema_history WHERE success AND type = 'SQL'").execute())
        .iterator().next().getInteger(0);
    assertThat(versions).isEqualTo(1);
  }

  @Test
  void pingFailsWhenTheServerIsGone() throws Exception {
    PgSettings pg = PgSettings.configured(ConfigLoader.load(db.env())).orElseThrow().withDatabase("no_such_database_here");
    Pool pool = Database.pool(vertx, pg);
    assertThat(Database.ping(pool).toCompletionStage().toCompletableFuture())
        .failsWithin(java.time.Duration.ofSeconds(10));
  }
}
