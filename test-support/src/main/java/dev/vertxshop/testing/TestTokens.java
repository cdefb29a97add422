package dev.vertxshop.testing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An identity provider for tests: a key pair made in memory (never written anywhere) and tokens
 * signed with it. {@link #DEFAULT} is the one the services of a test are configured with ({@link
 * #env()}); other instances stand for a foreign provider. Claims are written here, independently of
 * the shop's own signing code, so that the tests check the services against the JWT format itself.
 */
public final class TestTokens {

  public static final String ISSUER = "https://idp.test.vertx-shop.dev/";
  public static final String AUDIENCE = "vertx-shop";
  public static final String ADMIN = "shop:admin";
  public static final String INTERNAL = "shop:internal";
  private static final Duration TTL = Duration.ofHours(1);
  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  /** The RSA (RS256) provider that services under test trust. */
  public static final TestTokens DEFAULT = rsa();

  private final KeyPair keys;
  private final String algorithm;
  private final String keyId;
  private final String serviceToken;

  private TestTokens(KeyPair keys, String algorithm, String keyId) {
    this.keys = keys;
    this.algorithm = algorithm;
    this.keyId = keyId;
    this.serviceToken = token("service-orders", List.of(INTERNAL), Duration.ofHours(12));
  }

  /** A new RSA 2048 key pair signing RS256. */
  public static TestTokens rsa() {
    return generate("RSA", null, "RS256");
  }

  /** A new EC P-256 key pair signing ES256. */
  public static TestTokens ec() {
    return generate("EC", "secp256r1", "ES256");
  }

  private static TestTokens generate(String type, String curve, String algorithm) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(type);
      if (curve == null) {
        generator.initialize(2048);
      } else {
        generator.initialize(new ECGenParameterSpec(curve));
      }
      return new TestTokens(generator.generateKeyPair(), algorithm, "test-" + Long.toHexString(System.nanoTime()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The environment that makes a service trust {@link #DEFAULT} and call others with an internal token. */
  public static Map<String, String> env() {
    return DEFAULT.trustEnv();
  }

  /** The internal token that {@link #trustEnv()} gives services to call each other with. */
  public String serviceToken() {
    return serviceToken;
  }

  /** Environment variables that make a service trust this provider and call others with its internal token. */
  public Map<String, String> trustEnv() {
    return Map.of(
        "AUTH_JWT_PUBLIC_KEY", publicKeyPem(),
        "AUTH_JWT_ISSUER", ISSUER,
        "AUTH_JWT_AUDIENCE", AUDIENCE,
        "AUTH_SERVICE_TOKEN", serviceToken);
  }

  /** A customer's token of {@link #DEFAULT}. */
  public static String customer(String subject) {
    return DEFAULT.token(subject, List.of(), TTL);
  }

  /** An operator's token of {@link #DEFAULT}. */
  public static String admin() {
    return DEFAULT.token("operator", List.of(ADMIN), TTL);
  }

  /** A service's token of {@link #DEFAULT}. */
  public static String internal() {
    return DEFAULT.token("service-test", List.of(INTERNAL), TTL);
  }

  /** {@code Bearer <token>}. */
  public static String bearer(String token) {
    return "Bearer " + token;
  }

  public String publicKeyPem() {
    return pem("PUBLIC KEY", keys.getPublic().getEncoded());
  }

  public String privateKeyPem() {
    return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
  }

  public String keyId() {
    return keyId;
  }

  public KeyPair keyPair() {
    return keys;
  }

  /** A token for {@code subject} with {@code scopes} (the scope claim), valid for {@code ttl}. */
  public String token(String subject, List<String> scopes, Duration ttl) {
    Map<String, Object> claims = standardClaims(subject, Instant.now(), ttl);
    if (!scopes.isEmpty()) {
      claims.put("scope", String.join(" ", scopes));
    }
    return sign(claims);
  }

  /** The usual claims, to be changed before {@link #sign(Map)}: iss, aud, sub, iat and exp. */
  public static Map<String, Object> standardClaims(String subject, Instant issuedAt, Duration ttl) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", ISSUER);
    claims.put("aud", AUDIENCE);
    claims.put("sub", subject);
    claims.put("iat", issuedAt.getEpochSecond());
    claims.put("exp", issuedAt.plus(ttl).getEpochSecond());
    return claims;
  }

  /** {@code claims} (strings, numbers, lists of strings) signed with this provider's key. */
  public String sign(Map<String, Object> claims) {
    String header = "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\",\"kid\":\"" + keyId + "\"}";
    String input = encode(header) + "." + encode(json(claims));
    try {
      Signature signature = Signature.getInstance(algorithm.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
      signature.initSign(keys.getPrivate());
      signature.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + BASE64URL.encodeToString(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code claims} with {@code alg: none} and no signature. */
  public static String unsigned(Map<String, Object> claims) {
    return encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + encode(json(claims)) + ".";
  }

  /** This provider's public key as one JWK of a JWKS. */
  public String jwk() {
    if (keys.getPublic() instanceof java.security.interfaces.RSAPublicKey rsa) {
      return "{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\"" + keyId + "\",\"n\":\"" + unsigned(rsa.getModulus())
          + "\",\"e\":\"" + unsigned(rsa.getPublicExponent()) + "\"}";
    }
    java.security.interfaces.ECPublicKey ec = (java.security.interfaces.ECPublicKey) keys.getPublic();
    return "{\"kty\":\"EC\",\"use\":\"sig\",\"crv\":\"P-256\",\"kid\":\"" + keyId + "\",\"x\":\""
        + fixed(ec.getW().getAffineX()) + "\",\"y\":\"" + fixed(ec.getW().getAffineY()) + "\"}";
  }

  private static String unsigned(java.math.BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return BASE64URL.encodeToString(bytes);
  }

  private static String fixed(java.math.BigInteger coordinate) {
    byte[] bytes = coordinate.toByteArray();
    byte[] out = new byte[32];
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, out, 32 - length, length);
    return BASE64URL.encodeToString(out);
  }

  private static String encode(String text) {
    return BASE64URL.encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String pem(String label, byte[] der) {
    return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END " + label + "-----\n";
  }

  private static String json(Map<String, Object> claims) {
    return claims.entrySet().stream().map(e -> quote(e.getKey()) + ":" + value(e.getValue()))
        .collect(Collectors.joining(",", "{", "}"));
  }

  private static String value(Object value) {
    if (value instanceof Number || value instanceof Boolean) {
      return value.toString();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(TestTokens::value).collect(Collectors.joining(",", "[", "]"));
    }
    return quote(String.valueOf(value));
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
