package dev.vertxshop.launcher.dashboard;

import dev.vertxshop.platform.config.Settings;

/**
 * Where the operations dashboard is served ({@code dashboard.*}).
 *
 * @param enabled whether the launcher serves the dashboard at all ({@code dashboard.enabled})
 * @param host the address its HTTP server binds ({@code dashboard.host})
 * @param port the port of its HTTP server ({@code dashboard.port}; 0: any free port)
 */
public record DashboardSettings(boolean enabled, String host, int port) {

  public static DashboardSettings from(Settings settings) {
    return new DashboardSettings(settings.bool("dashboard.enabled"), settings.string("dashboard.host"), settings.port("dashboard.port"));
  }
}
