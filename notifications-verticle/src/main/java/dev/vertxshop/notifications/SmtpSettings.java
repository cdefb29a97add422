package dev.vertxshop.notifications;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The SMTP server that takes the order e-mails ({@code notifications.smtp.*}).
 *
 * @param host the server's host name or address ({@code notifications.smtp.host}); the launcher fills
 *     it in when it starts an embedded server
 * @param port its port ({@code notifications.smtp.port})
 * @param startTls whether the connection is upgraded to TLS ({@code notifications.smtp.starttls})
 * @param username the login, empty for a server that takes mail without one ({@code
 *     notifications.smtp.username})
 * @param password the login's password ({@code notifications.smtp.password})
 */
public record SmtpSettings(String host, int port, StartTls startTls, Optional<String> username, String password) {

  /** {@code notifications.smtp.starttls}: {@code none}, {@code optional} or {@code required}. */
  public enum StartTls {
    /** Plain text only, even when the server offers STARTTLS. */
    NONE,
    /** Upgraded to TLS when the server offers STARTTLS, plain text otherwise. */
    OPTIONAL,
    /** Upgraded to TLS; a server that does not offer it is not used. */
    REQUIRED;

    static StartTls parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("notifications.smtp.starttls", "'" + text + "' is not none, optional or required");
      }
    }
  }

  public SmtpSettings {
    if (host == null || host.isBlank()) {
      throw new ConfigException("notifications.smtp.host", "notifications needs an SMTP server: set its host");
    }
    if (port < 1 || port > 65535) {
      throw new ConfigException("notifications.smtp.port", port + " is outside 1..65535");
    }
    Objects.requireNonNull(startTls, "startTls");
    username = username == null ? Optional.empty() : username.filter(name -> !name.isBlank());
    password = password == null ? "" : password;
  }

  /** Reads and checks {@code notifications.smtp.*}. */
  public static SmtpSettings from(Settings settings) {
    return new SmtpSettings(
        settings.optionalString("notifications.smtp.host").orElse(""),
        settings.integer("notifications.smtp.port", 1, 65535),
        StartTls.parse(settings.string("notifications.smtp.starttls")),
        settings.optionalString("notifications.smtp.username"),
        settings.optionalString("notifications.smtp.password").orElse(""));
  }

  /** The address and login without the password, for logs. */
  public String describe() {
    return username.map(name -> name + "@").orElse("") + host + ":" + port + " (STARTTLS " + startTls.name().toLowerCase(Locale.ROOT) + ")";
  }

  @Override
  public String toString() {
    return "SmtpSettings[" + describe() + "]";
  }
}
