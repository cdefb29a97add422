package dev.vertxshop.grpcinterop;

import dev.vertxshop.platform.auth.JwtSigner;
import dev.vertxshop.platform.auth.PublicKeys;
import dev.vertxshop.platform.auth.TokenMinter;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's identity provider: an RSA key pair (RS256, as the launcher's development keys and
 * most providers sign) made for one run and kept in memory only. The servers trust its public half,
 * handed to their JVMs as a deployed service gets it ({@code AUTH_JWT_PUBLIC_KEY}, {@code
 * AUTH_JWT_ISSUER}, {@code AUTH_JWT_AUDIENCE} in the environment); the client holds the private half
 * and mints one service token with the internal grant, which it sends on every call, as the payments
 * service sends its {@code auth.service.token}.
 */
final class BenchmarkIdentity {

  static final String ISSUER = "grpc-benchmark";
  static final String AUDIENCE = "grpc-benchmark";
  private static final String SUBJECT = "service-benchmark";
  // Outlives any run; a service token from a real provider lasts about as long.
  private static final Duration TOKEN_TTL = Duration.ofHours(12);
  private static final List<String> TRUST_KEYS = List.of("auth.jwt.public-key", "auth.jwt.issuer", "auth.jwt.audience");

  private final KeyPair keys;

  private BenchmarkIdentity(KeyPair keys) {
    this.keys = keys;
  }

  /** A provider with a fresh RSA 2048 key pair. */
  static BenchmarkIdentity generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return new BenchmarkIdentity(generator.generateKeyPair());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make an RSA key pair", e);
    }
  }

  /** The environment variables that make a server trust this provider. */
  Map<String, String> trustEnvironment() {
    return Map.of(
        Settings.envName("auth.jwt.public-key"), PublicKeys.pem("PUBLIC KEY", keys.getPublic().getEncoded()),
        Settings.envName("auth.jwt.issuer"), ISSUER,
        Settings.envName("auth.jwt.audience"), AUDIENCE);
  }

  /**
   * A service's token: subject {@value #SUBJECT}, the internal grant ({@code auth.internal-grant} of
   * the default configuration, which the servers keep).
   */
  String serviceToken() {
    String internalGrant = ConfigLoader.load(Map.of()).string("auth.internal-grant");
    TokenMinter minter = new TokenMinter(new JwtSigner(keys.getPrivate(), null), ISSUER, AUDIENCE, Clock.systemUTC());
    return minter.mint(SUBJECT, List.of(internalGrant), TOKEN_TTL);
  }

  /**
   * The trust variables ({@link #trustEnvironment()}) of {@code environment}, and nothing else: a
   * server's configuration must not depend on what else the shell that started the benchmark has set.
   */
  static Map<String, String> trustOnly(Map<String, String> environment) {
    Map<String, String> trust = new HashMap<>();
    for (String key : TRUST_KEYS) {
      String variable = Settings.envName(key);
      if (environment.containsKey(variable)) {
        trust.put(variable, environment.get(variable));
      }
    }
    return trust;
  }
}
