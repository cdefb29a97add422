package dev.vertxshop.platform.config;

/** Invalid or missing configuration; the message names the offending key. */
public final class ConfigException extends RuntimeException {

  private final String key;

  public ConfigException(String key, String problem) {
    this(key, Settings.envName(key), problem);
  }

  /** For a setting whose environment variable is not derived from its key. */
  public ConfigException(String key, String environmentVariable, String problem) {
    super("Invalid configuration '" + key + "' (environment " + environmentVariable + "): " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
