package dev.vertxshop.platform.pg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PgSettingsTest {

  @Test
  void nothingConfiguredMeansNoServer() {
    assertThat(PgSettings.configured(ConfigLoader.load(Map.of()))).isEmpty();
  }

  @Test
  void hostAndFriendsDescribeTheServer() {
    PgSettings pg = PgSettings.configured(ConfigLoader.load(Map.of("PG_HOST", "db", "PG_PORT", "6543", "PG_DATABASE", "shop", "PG_USER", "app", "PG_PASSWORD", "secret"))).orElseThrow();
    assertThat(pg.jdbcUrl()).isEqualTo("jdbc:postgresql://db:6543/shop");
    assertThat(pg.user()).isEqualTo("app");
    assertThat(pg.password()).isEqualTo("secret");
    assertThat(pg.toString()).doesNotContain("secret");
  }

  @Test
  void aUrlWinsOverTheSeparateKeys() {
    PgSettings pg = PgSettings.configured(ConfigLoader.load(Map.of("PG_HOST", "ignored", "PG_URL", "postgresql://app:p%40ss@db.example:5433/shop"))).orElseThrow();
    assertThat(pg.host()).isEqualTo("db.example");
    assertThat(pg.port()).isEqualTo(5433);
    assertThat(pg.database()).isEqualTo("shop");
    assertThat(pg.password()).isEqualTo("p@ss");
  }

  @Test
  void aUrlOfAnotherKindIsRefused() {
    assertThatThrownBy(() -> PgSettings.configured(ConfigLoader.load(Map.of("PG_URL", "mysql://db/shop"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("pg.url");
  }
}
