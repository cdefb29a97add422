package dev.vertxshop.platform.auth;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.util.Base64;
import java.util.Objects;

/**
 * Signs JWTs with a private key: RS256 with an RSA key, ES256 with an EC P-256 key. Used where the
 * shop is its own identity provider (the launcher's development key pair) and by tests.
 */
public final class JwtSigner {

  private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

  private final PrivateKey key;
  private final String algorithm;
  private final String keyId;

  /** {@code keyId}: the {@code kid} header, or null for none. */
  public JwtSigner(PrivateKey key, String keyId) {
    this.key = Objects.requireNonNull(key, "key");
    this.keyId = keyId;
    if (key instanceof RSAPrivateKey) {
      algorithm = "RS256";
    } else if (key instanceof ECPrivateKey) {
      algorithm = "ES256";
    } else {
      throw new IllegalArgumentException("an RSA or EC private key is needed, not " + key.getAlgorithm());
    }
  }

  public String algorithm() {
    return algorithm;
  }

  /** The compact JWS of {@code claims}. */
  public String sign(JsonObject claims) {
    JsonObject header = new JsonObject().put("alg", algorithm).put("typ", "JWT");
    if (keyId != null) {
      header.put("kid", keyId);
    }
    String signingInput = encode(header.encode().getBytes(StandardCharsets.UTF_8)) + "."
        + encode(claims.encode().getBytes(StandardCharsets.UTF_8));
    try {
      // JWS wants the raw r||s of an ECDSA signature, which the P1363 format gives (not DER).
      Signature signature = Signature.getInstance(algorithm.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format");
      signature.initSign(key);
      signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return signingInput + "." + encode(signature.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot sign a token with " + algorithm, e);
    }
  }

  private static String encode(byte[] bytes) {
    return BASE64URL.encodeToString(bytes);
  }
}
