package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line, up to the point where services would start. */
class MainTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void rejectsAnUnknownServiceWithAUsageErrorNamingTheValidOnes() {
    int exitCode = execute(Map.of(), "--services", "orders,shipping");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown service 'shipping'")
        .contains("valid services: orders, inventory, payments, fraud, notifications, analytics");
  }

  @Test
  void printsHelpAndExitsWithZero() {
    int exitCode = execute(Map.of(), "--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("--services", "--config", "--no-demo-catalogue", "Exit codes");
  }

  @Test
  void printsItsVersionAndExitsWithZero() {
    int exitCode = execute(Map.of(), "--version");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("vertx-shop").contains("Vert.x 5.");
  }

  @Test
  void runsEveryServiceByDefault() {
    Main main = parse(Map.of());

    assertThat(main.selectedServices()).containsExactly("orders", "inventory", "payments", "fraud", "notifications", "analytics");
  }

  @Test
  void runsOnlyTheServicesNamed() {
    Main main = parse(Map.of(), "--services", "inventory,orders");

    assertThat(main.selectedServices()).containsExactlyInAnyOrder("orders", "inventory");
  }

  @Test
  void noDemoCatalogueTurnsTheCatalogueOff() {
    assertThat(parse(Map.of()).settings().bool("inventory.demo-catalogue")).isTrue();
    assertThat(parse(Map.of(), "--no-demo-catalogue").settings().bool("inventory.demo-catalogue")).isFalse();
  }

  @Test
  void laysTheConfigFileOverTheDefaultsAndTheEnvironmentOverTheFile(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("shop.yaml");
    Files.writeString(file, "fraud:\n  http:\n    port: 9184\nnotifications:\n  http:\n    port: 9185\n");

    Main main = parse(Map.of("NOTIFICATIONS_HTTP_PORT", "9285"), "--config", file.toString());

    assertThat(main.settings().port("fraud.http.port")).isEqualTo(9184);
    assertThat(main.settings().port("notifications.http.port")).isEqualTo(9285);
    assertThat(main.settings().port("orders.http.port")).isEqualTo(8081);
  }

  @Test
  void stopsWithExitCodeOneAndTheKeyWhenTheConfigurationIsInvalid() {
    int exitCode = execute(Map.of("FRAUD_HTTP_PORT", "eighty"), "--services", "fraud");

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString())
        .contains("fraud.http.port")
        .contains("FRAUD_HTTP_PORT")
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  @Test
  void stopsWithExitCodeOneWhenTheConfigFileIsMissing(@TempDir Path dir) {
    int exitCode = execute(Map.of(), "--services", "fraud", "--config", dir.resolve("missing.yaml").toString());

    assertThat(exitCode).isEqualTo(1);
    assertThat(err.toString()).contains("missing.yaml").doesNotContain("\tat ");
  }

  private int execute(Map<String, String> env, String... args) {
    CommandLine commandLine = Main.commandLine(env, System.currentTimeMillis());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static Main parse(Map<String, String> env, String... args) {
    CommandLine commandLine = Main.commandLine(env, System.currentTimeMillis());
    commandLine.parseArgs(args);
    return commandLine.getCommand();
  }
}
