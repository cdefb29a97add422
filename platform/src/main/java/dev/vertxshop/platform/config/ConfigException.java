package dev.vertxshop.platform.config;

/** Invalid or missing configuration; the message names the offending key. */
public final class ConfigException extends RuntimeException {

  private final String key;

  public ConfigException(String key, String problem) {
    super("Invalid configuration '" + key + "' (environment " + Settings.envName(key) + "): " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
