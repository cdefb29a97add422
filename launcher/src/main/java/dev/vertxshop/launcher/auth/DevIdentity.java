package dev.vertxshop.launcher.auth;

import dev.vertxshop.platform.auth.AuthSettings;
import dev.vertxshop.platform.config.Settings;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the launcher its own identity provider when none is configured: the services trust the
 * development key pair ({@link DevKeys}) and orders calls inventory and payments with a service
 * token minted from it. Said once, in a WARN line, since such a shop accepts tokens anyone with
 * the key file can mint.
 */
public final class DevIdentity {

  private static final Logger LOG = LoggerFactory.getLogger(DevIdentity.class);
  /** How long the service token minted at start-up is valid: a development shop may run for days. */
  static final Duration SERVICE_TOKEN_TTL = Duration.ofDays(30);

  private DevIdentity() {}

  /** {@code settings} unchanged when an identity provider is configured; otherwise set up for the development key pair. */
  public static Settings applyTo(Settings settings) {
    if (AuthSettings.identityProviderConfigured(settings)) {
      return settings;
    }
    DevKeys keys = DevKeys.loadOrCreate(DevKeys.directory(settings));
    LOG.warn("No identity provider is configured (auth.jwt.public-key or auth.jwt.jwks-url): "
        + "the services trust the development key pair in {}; mint tokens with 'vertx-shop token --user NAME'. "
        + "Never run a shop reachable by others like this.", keys.directory());
    Settings withKeys = settings
        .with("auth.jwt.public-key", keys.publicKeyPem())
        .with("auth.jwt.issuer", DevKeys.ISSUER)
        .with("auth.jwt.audience", DevKeys.AUDIENCE);
    if (withKeys.optionalString("auth.service.token").isPresent()) {
      return withKeys;
    }
    String internalGrant = withKeys.string("auth.internal-grant");
    String token = keys.minter(Clock.systemUTC()).mint("vertx-shop-services", List.of(internalGrant), SERVICE_TOKEN_TTL);
    return withKeys.with("auth.service.token", token);
  }
}
