package dev.vertxshop.platform.auth;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a service sends as {@code Authorization} when it calls another ({@code auth.service.*}).
 *
 * @param mode {@code auth.service.mode}
 * @param token {@code auth.service.token}: the service's own bearer token (a client-credentials
 *     token of the identity provider carrying the internal grant), usually read from the file that
 *     {@code AUTH_SERVICE_TOKEN_FILE} names (a mounted Kubernetes Secret)
 */
public record ServiceCredentialSettings(Mode mode, Optional<String> token) {

  /** Whose identity a call to another service carries. */
  public enum Mode {
    /**
     * The service's own token, always: the callee sees a service, and a saga resumed after a crash
     * (no caller left) calls the same way.
     */
    CREDENTIAL,
    /**
     * The token of the request being served, so the callee sees the customer; calls made outside a
     * request (recovery, timers) fall back to the service's own token when one is configured.
     */
    FORWARD
  }

  public ServiceCredentialSettings {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(token, "token");
  }

  static ServiceCredentialSettings from(Settings settings) {
    String modeText = settings.string("auth.service.mode").toLowerCase(Locale.ROOT);
    Mode mode = switch (modeText) {
      case "credential" -> Mode.CREDENTIAL;
      case "forward" -> Mode.FORWARD;
      default -> throw new ConfigException("auth.service.mode", "'" + modeText + "' is not credential or forward");
    };
    return new ServiceCredentialSettings(mode, settings.optionalString("auth.service.token"));
  }

  /** Whether the service has a token of its own. */
  public boolean hasOwnToken() {
    return token.isPresent();
  }

  /** Never shows the token itself. */
  @Override
  public String toString() {
    return "ServiceCredentialSettings[mode=" + mode + ", token=" + (token.isPresent() ? "(set)" : "(none)") + "]";
  }
}
