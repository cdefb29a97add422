package dev.vertxshop.launcher.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/** The {@code loadgen} command line, up to the point where a run would start. */
class LoadgenCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "--rate 10 --concurrency 4                | --rate and --concurrency exclude each other",
      "--duration 10s --orders 100              | --duration and --orders exclude each other",
      "--rate -5                                | --rate must be a positive number",
      "--rate 0                                 | --rate must be a positive number",
      "--rate 1e9                               | --rate must be a positive number of orders per second up to 100000",
      "--concurrency 0                          | --concurrency must be between 1 and 10000",
      "--orders 0                               | --orders must be at least 1",
      "--duration 0s                            | --duration must be positive",
      "--duration soon                          | 'soon' is not a duration",
      "--products 0                             | --products must be between 1 and 10000",
      "--declined-share 1.5                     | --declined-share must be a share between 0 and 1",
      "--out-of-stock-share -0.1                | --out-of-stock-share must be a share between 0 and 1",
      "--idempotency-retries 2                  | --idempotency-retries must be a share between 0 and 1",
      "--declined-share 0.6 --out-of-stock-share 0.6 | add up to more than 1",
      "--connections 0                          | --connections must be between 1 and 10000",
      "--url localhost:8081                     | 'localhost:8081' is not an http:// or https:// base URL",
      "--url ftp://127.0.0.1:8081               | 'ftp://127.0.0.1:8081' is not an http:// or https:// base URL",
      "--inventory-url http://127.0.0.1:8082/api | 'http://127.0.0.1:8082/api' is not an http:// or https:// base URL",
      "--rate fast                              | 'fast'",
      "--json /no/such/directory/summary.json   | --json: the directory of /no/such/directory/summary.json does not exist",
      "--bogus                                  | Unknown option: '--bogus'"
  })
  void refusesAnImpossibleRunWithAUsageErrorAndExitCodeTwo(String arguments, String message) {
    int exitCode = execute(arguments.trim().split("\\s+"));

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains(message).contains("Usage: loadgen");
    assertThat(out.toString()).doesNotContain("Seeding");
  }

  @Test
  void withoutTokensAndWithoutAKeyPairToMintThemItIsAUsageError(@TempDir Path empty) {
    int exitCode = execute("--orders", "1", "--dev-keys-dir", empty.resolve("none").toString());

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString()).contains("No development key pair in", "--token and --admin-token");
    assertThat(out.toString()).doesNotContain("Seeding");
  }

  @Test
  void givenTokensAreSentAndOrdersThenNameNoCustomer() {
    LoadTokens tokens = LoadTokens.of("customer-jwt", "admin-jwt", null, "shop:admin");

    assertThat(tokens.perCustomer()).isFalse();
    assertThat(tokens.customer("loadgen-customer-7")).isEqualTo("customer-jwt");
    assertThat(tokens.admin()).isEqualTo("admin-jwt");
  }

  @Test
  void printsItsOptionsAndExitCodes() {
    int exitCode = execute("--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("--url", "--inventory-url", "--rate", "--concurrency", "--duration", "--orders",
        "--warmup", "--products", "--declined-share", "--out-of-stock-share", "--idempotency-retries", "--json",
        "--connections", "--seed", "Exit codes");
  }

  @Test
  void runsFiftyOrdersPerSecondForThirtySecondsByDefault() {
    LoadPlan plan = parse().plan();

    assertThat(plan.ordersUrl()).isEqualTo(URI.create("http://127.0.0.1:8081"));
    assertThat(plan.inventoryUrl()).isEqualTo(URI.create("http://127.0.0.1:8082"));
    assertThat(plan.pace()).isEqualTo(new LoadPlan.Pace.FixedRate(50));
    assertThat(plan.stop()).isEqualTo(new LoadPlan.Stop.After(Duration.ofSeconds(30)));
    assertThat(plan.warmup()).isZero();
    assertThat(plan.mix()).isEqualTo(new LoadPlan.MixSettings(20, 0.05, 0.02, 0.0, 1));
    assertThat(plan.connections()).isEqualTo(64);
    assertThat(plan.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void takesTheClosedModelWithAnOrderCountAndEnoughConnectionsForTheConcurrency() {
    LoadPlan plan = parse("--concurrency", "200", "--orders", "1000", "--warmup", "2m", "--timeout", "1500ms",
        "--url", "https://shop.example:9443/").plan();

    assertThat(plan.pace()).isEqualTo(new LoadPlan.Pace.Concurrency(200));
    assertThat(plan.stop()).isEqualTo(new LoadPlan.Stop.Orders(1000));
    assertThat(plan.warmup()).isEqualTo(Duration.ofMinutes(2));
    assertThat(plan.requestTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(plan.connections()).isEqualTo(200);
    assertThat(plan.ordersUrl()).isEqualTo(URI.create("https://shop.example:9443/"));
  }

  private int execute(String... args) {
    CommandLine commandLine = new CommandLine(new LoadgenCommand(false));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static LoadgenCommand parse(String... args) {
    CommandLine commandLine = new CommandLine(new LoadgenCommand(false));
    commandLine.parseArgs(args);
    return commandLine.getCommand();
  }
}
