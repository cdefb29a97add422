package dev.vertxshop.platform.auth;

import dev.vertxshop.platform.config.ConfigException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * PEM keys ({@code -----BEGIN PUBLIC KEY-----}, PKCS#8 {@code -----BEGIN PRIVATE KEY-----}) and
 * the one JWS algorithm each kind of key is used with: RS256 for RSA, ES256 for EC P-256. Tying the
 * algorithm to the key, not to the token's header, is what keeps a token from choosing how it is
 * checked.
 */
public final class PublicKeys {

  private static final int P256_FIELD_BITS = 256;

  private PublicKeys() {}

  /** The public key of {@code pem}; a {@link ConfigException} naming {@code key} when it is not one. */
  public static PublicKey parse(String key, String pem) {
    byte[] der = der(key, pem, "PUBLIC KEY");
    for (String type : new String[] {"RSA", "EC"}) {
      try {
        PublicKey parsed = KeyFactory.getInstance(type).generatePublic(new X509EncodedKeySpec(der));
        algorithm(key, parsed);
        return parsed;
      } catch (GeneralSecurityException e) {
        // Not this type; try the next.
      }
    }
    throw new ConfigException(key, "not an RSA or EC public key");
  }

  /** The private key of a PKCS#8 {@code pem}. */
  public static PrivateKey parsePrivate(String key, String pem) {
    byte[] der = der(key, pem, "PRIVATE KEY");
    for (String type : new String[] {"RSA", "EC"}) {
      try {
        return KeyFactory.getInstance(type).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException e) {
        // Not this type; try the next.
      }
    }
    throw new ConfigException(key, "not an RSA or EC private key (PKCS#8)");
  }

  /** RS256 for an RSA key, ES256 for an EC key on P-256. */
  public static String algorithm(String key, PublicKey publicKey) {
    if (publicKey instanceof RSAPublicKey rsa) {
      if (rsa.getModulus().bitLength() < 2048) {
        throw new ConfigException(key, "an RSA key of " + rsa.getModulus().bitLength() + " bits is too short (2048 at least)");
      }
      return "RS256";
    }
    if (publicKey instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == P256_FIELD_BITS) {
      return "ES256";
    }
    throw new ConfigException(key, "only RSA (RS256) and EC P-256 (ES256) keys are accepted");
  }

  /** {@code encoded} as PEM with the given label. */
  public static String pem(String label, byte[] encoded) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static byte[] der(String key, String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    int from = pem.indexOf(begin);
    int to = pem.indexOf(end);
    if (from < 0 || to < from) {
      throw new ConfigException(key, "not a PEM block '" + begin + "'");
    }
    String base64 = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "the PEM block is not valid base64");
    }
  }
}
