package dev.vertxshop.platform.auth;

import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.Settings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the services authenticate requests ({@code auth.*}): where the identity provider's public keys
 * come from (one PEM key, or a JWKS URL that is fetched again every {@code jwksRefresh}), the issuer
 * and audience every token must name, the clock skew allowed on {@code exp} and {@code nbf}, the
 * names of the admin and internal grants, and the credential one service presents to another.
 *
 * @param publicKeyPem {@code auth.jwt.public-key} (or the file {@code AUTH_JWT_PUBLIC_KEY_FILE} names)
 * @param jwksUrl {@code auth.jwt.jwks-url}; exactly one of it and the public key is set
 * @param jwksRefresh {@code auth.jwt.jwks-refresh-ms}
 * @param issuer {@code auth.jwt.issuer}: the {@code iss} every token must carry
 * @param audience {@code auth.jwt.audience}: a value the token's {@code aud} must hold
 * @param leeway {@code auth.jwt.leeway-seconds}
 * @param adminGrant {@code auth.admin-grant}: the scope or role of operators
 * @param internalGrant {@code auth.internal-grant}: the scope or role of the services' own credential
 * @param service {@code auth.service.*}: what a service sends when it calls another
 */
public record AuthSettings(
    Optional<String> publicKeyPem,
    Optional<URI> jwksUrl,
    Duration jwksRefresh,
    String issuer,
    String audience,
    Duration leeway,
    String adminGrant,
    String internalGrant,
    ServiceCredentialSettings service) {

  static final String PUBLIC_KEY = "auth.jwt.public-key";
  static final String JWKS_URL = "auth.jwt.jwks-url";
  private static final List<String> KEY_SOURCES = List.of(PUBLIC_KEY, JWKS_URL);

  public AuthSettings {
    Objects.requireNonNull(publicKeyPem, "publicKeyPem");
    Objects.requireNonNull(jwksUrl, "jwksUrl");
    Objects.requireNonNull(jwksRefresh, "jwksRefresh");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(leeway, "leeway");
    Objects.requireNonNull(adminGrant, "adminGrant");
    Objects.requireNonNull(internalGrant, "internalGrant");
    Objects.requireNonNull(service, "service");
    if (publicKeyPem.isPresent() == jwksUrl.isPresent()) {
      throw new IllegalArgumentException("exactly one of a public key and a JWKS URL is needed");
    }
  }

  /**
   * Whether an identity provider is configured ({@code auth.jwt.public-key} or {@code
   * auth.jwt.jwks-url}); the launcher uses its development key pair otherwise.
   */
  public static boolean identityProviderConfigured(Settings settings) {
    return KEY_SOURCES.stream().anyMatch(key -> settings.optionalString(key).isPresent());
  }

  /** Reads and validates {@code auth.*}; throws {@link ConfigException} naming a bad key. */
  public static AuthSettings from(Settings settings) {
    List<String> given = KEY_SOURCES.stream().filter(key -> settings.optionalString(key).isPresent()).toList();
    if (given.isEmpty()) {
      throw new ConfigException(PUBLIC_KEY, "no key to verify tokens with: set one of " + String.join(", ", KEY_SOURCES));
    }
    if (given.size() > 1) {
      throw new ConfigException(given.get(1), "set only one of " + String.join(", ", given));
    }
    Optional<String> pem = settings.optionalString(PUBLIC_KEY);
    pem.ifPresent(text -> PublicKeys.parse(PUBLIC_KEY, text));
    return new AuthSettings(
        pem,
        settings.optionalHttpUrl(JWKS_URL),
        settings.millis("auth.jwt.jwks-refresh-ms"),
        settings.string("auth.jwt.issuer"),
        settings.string("auth.jwt.audience"),
        Duration.ofSeconds(settings.integer("auth.jwt.leeway-seconds", 0, 300)),
        grant(settings, "auth.admin-grant"),
        grant(settings, "auth.internal-grant"),
        ServiceCredentialSettings.from(settings));
  }

  private static String grant(Settings settings, String key) {
    String name = settings.string(key);
    if (name.chars().anyMatch(Character::isWhitespace)) {
      throw new ConfigException(key, "'" + name + "' is not one scope name (it holds white space)");
    }
    return name;
  }
}
