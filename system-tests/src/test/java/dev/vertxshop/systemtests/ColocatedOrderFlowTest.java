package dev.vertxshop.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.testing.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The end-to-end scenarios against every service in one JVM started from the fat jar; afterwards,
 * the whole run's output holds none of the credentials it was configured with, no bearer token and
 * no card number the scenarios sent.
 */
class ColocatedOrderFlowTest extends OrderFlowSuite {

  /** Every test card of the README: what a scenario may have sent as a card number. */
  private static final List<String> CARD_NUMBERS = List.of(
      "4242424242424242", "5555555555554444", "4000000000000002", "4000000000009995", "4242424242424241");
  private static final Pattern BEARER_TOKEN = Pattern.compile("eyJ[A-Za-z0-9_-]{8,}\\.eyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{16,}");

  private final List<String> secrets = new ArrayList<>();

  @Override
  EventShop startShop() {
    Map<String, String> env = new HashMap<>();
    String databasePassword = System.getenv().getOrDefault("PG_PASSWORD", "");
    if (databasePassword.isEmpty()) {
      // The server trusts the tests' connections: a password read from a mounted file (as from a
      // Kubernetes Secret) changes nothing but what there is to leak.
      databasePassword = "pg-" + UUID.randomUUID();
      env.put("PG_PASSWORD", "");
      env.put("PG_PASSWORD_FILE", secretFile(databasePassword).toString());
    }
    secrets.add(databasePassword);
    secrets.add(TestTokens.DEFAULT.serviceToken());
    return EventShop.inOneJvm(env);
  }

  @Override
  void afterShopStopped(List<Path> logs) throws IOException {
    assertThat(logs).isNotEmpty();
    for (Path log : logs) {
      String output = Files.readString(log);
      assertThat(output).as("the shop's output %s", log).contains("All services ready");
      for (String secret : secrets) {
        assertThat(output.contains(secret)).as("a configured credential in %s", log).isFalse();
      }
      for (String card : CARD_NUMBERS) {
        assertThat(output).as("a card number in %s", log).doesNotContain(card);
      }
      assertThat(BEARER_TOKEN.matcher(output).find()).as("a bearer token in %s", log).isFalse();
    }
  }

  private static Path secretFile(String content) {
    try {
      Path file = Files.createTempFile("vertx-shop-pg-password", "");
      file.toFile().deleteOnExit();
      Files.writeString(file, content + "\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
