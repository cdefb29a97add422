package dev.vertxshop.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code loadgen} as a subcommand of the launcher, which still runs the shop without one. */
class LoadgenSubcommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void theLaunchersHelpNamesTheSubcommand() {
    int exitCode = execute("--help");

    assertThat(exitCode).isZero();
    assertThat(out.toString()).contains("loadgen").contains("--services");
  }

  @Test
  void anInvalidLoadgenCommandLineIsAUsageErrorWithExitCodeTwo() {
    int exitCode = execute("loadgen", "--rate", "100", "--concurrency", "8");

    assertThat(exitCode).isEqualTo(2);
    assertThat(err.toString())
        .contains("--rate and --concurrency exclude each other")
        .contains("Usage: vertx-shop loadgen");
  }

  @Test
  void withoutASubcommandTheLauncherTakesItsOwnOptions() {
    CommandLine commandLine = Main.commandLine(Map.of(), System.currentTimeMillis());
    CommandLine.ParseResult parsed = commandLine.parseArgs("--services", "orders,inventory", "--no-demo-catalogue", "--cluster");

    assertThat(parsed.subcommand()).isNull();
    Main main = commandLine.getCommand();
    assertThat(main.selectedServices()).containsExactly("orders", "inventory");
    assertThat(main.settings().bool("inventory.demo-catalogue")).isFalse();
    assertThat(main.settings().bool("cluster.enabled")).isTrue();
    assertThat(parsed.matchedOptionValue("--services", List.of())).containsExactly("orders", "inventory");
  }

  private int execute(String... args) {
    CommandLine commandLine = Main.commandLine(Map.of(), System.currentTimeMillis());
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }
}
