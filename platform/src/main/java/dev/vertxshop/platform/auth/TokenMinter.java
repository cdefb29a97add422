package dev.vertxshop.platform.auth;

import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Objects;

/**
 * Mints the tokens the shop's identity provider would issue: {@code iss}, {@code aud}, {@code sub},
 * {@code iat}, {@code exp} and the granted scopes in {@code scope} (space-separated, as OAuth 2
 * writes them).
 */
public final class TokenMinter {

  private final JwtSigner signer;
  private final String issuer;
  private final String audience;
  private final Clock clock;

  public TokenMinter(JwtSigner signer, String issuer, String audience, Clock clock) {
    this.signer = Objects.requireNonNull(signer, "signer");
    this.issuer = Objects.requireNonNull(issuer, "issuer");
    this.audience = Objects.requireNonNull(audience, "audience");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** A token for {@code subject} with {@code scopes}, valid for {@code ttl} from now. */
  public String mint(String subject, Collection<String> scopes, Duration ttl) {
    Instant now = clock.instant();
    JsonObject claims = new JsonObject()
        .put("iss", issuer)
        .put("aud", audience)
        .put("sub", subject)
        .put("iat", now.getEpochSecond())
        .put("exp", now.plus(ttl).getEpochSecond());
    if (!scopes.isEmpty()) {
      claims.put("scope", String.join(" ", scopes));
    }
    return signer.sign(claims);
  }

  public String issuer() {
    return issuer;
  }

  public String audience() {
    return audience;
  }
}
