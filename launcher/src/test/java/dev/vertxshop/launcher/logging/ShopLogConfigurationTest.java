package dev.vertxshop.launcher.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;

class ShopLogConfigurationTest {

  @Test
  void everyEventGoesToTheConsoleThroughTheShopEncoderWithChattyLibrariesTurnedDown() {
    LoggerContext context = new LoggerContext();
    ShopLogConfiguration configuration = new ShopLogConfiguration();
    configuration.setContext(context);

    assertThat(configuration.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

    Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
    assertThat(root.getLevel()).isEqualTo(ShopLogConfiguration.rootLevel());
    assertThat(root.getAppender("CONSOLE")).isInstanceOfSatisfying(ConsoleAppender.class, console -> {
      assertThat(console.isStarted()).isTrue();
      assertThat(console.getEncoder()).isInstanceOf(ShopLogEncoder.class);
    });
    assertThat(context.getLogger("org.apache.kafka.clients.NetworkClient").getEffectiveLevel()).isEqualTo(Level.WARN);
    assertThat(context.getLogger("com.hazelcast.cp.CPSubsystem").getEffectiveLevel()).isEqualTo(Level.ERROR);
    assertThat(context.getLogger("dev.vertxshop.orders").getEffectiveLevel()).isEqualTo(root.getLevel());
    context.stop();
  }

  @Test
  void anExplicitConfigurationFileWins() {
    String previous = System.setProperty("logback.configurationFile", "elsewhere.xml");
    try {
      LoggerContext context = new LoggerContext();
      ShopLogConfiguration configuration = new ShopLogConfiguration();
      configuration.setContext(context);
      assertThat(configuration.configure(context)).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
      assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE")).isNull();
    } finally {
      if (previous == null) {
        System.clearProperty("logback.configurationFile");
      } else {
        System.setProperty("logback.configurationFile", previous);
      }
    }
  }
}
