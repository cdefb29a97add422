package dev.vertxshop.launcher.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.platform.auth.AuthSettings;
import dev.vertxshop.platform.auth.Caller;
import dev.vertxshop.platform.auth.TokenVerifier;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import dev.vertxshop.testing.TestTokens;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The token subcommand and the development identity the launcher falls back on. */
class TokenCommandTest {

  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int token(Map<String, String> env, String... args) {
    CommandLine commandLine = new CommandLine(new TokenCommand(env));
    commandLine.setOut(new PrintWriter(out, true));
    commandLine.setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private static Caller verify(Settings settings, String token) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      return TokenVerifier.create(vertx, AuthSettings.from(settings)).verify(token).await(5, TimeUnit.SECONDS);
    } finally {
      vertx.close().await(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void printsATokenThatTheDevelopmentPublicKeyVerifies() throws Exception {
    Path keys = dir.resolve("keys");
    int exitCode = token(Map.of("AUTH_DEV_KEYS_DIR", keys.toString()), "--user", "alice", "--admin", "--ttl", "15m");

    assertThat(exitCode).as(err.toString()).isZero();
    String token = out.toString().trim();
    Settings shop = DevIdentity.applyTo(ConfigLoader.load(Map.of("AUTH_DEV_KEYS_DIR", keys.toString())));
    Caller caller = verify(shop, token);
    assertThat(caller.subject()).isEqualTo("alice");
    assertThat(caller.grants()).containsExactly("shop:admin");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
    assertThat(claims.getLong("exp") - claims.getLong("iat")).isEqualTo(15 * 60);
    assertThat(claims.getString("iss")).isEqualTo(DevKeys.ISSUER);
  }

  @Test
  void theKeyPairIsMadeOnceReadableByItsOwnerOnly() throws Exception {
    Path keys = dir.resolve("keys");
    assertThat(token(Map.of("AUTH_DEV_KEYS_DIR", keys.toString()), "--user", "bob")).isZero();
    String publicKey = Files.readString(keys.resolve(DevKeys.PUBLIC_FILE));

    assertThat(token(Map.of("AUTH_DEV_KEYS_DIR", keys.toString()), "--user", "bob")).isZero();

    assertThat(Files.readString(keys.resolve(DevKeys.PUBLIC_FILE))).isEqualTo(publicKey);
    for (String file : new String[] {DevKeys.PRIVATE_FILE, DevKeys.PUBLIC_FILE}) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.resolve(file)))).isEqualTo("rw-------");
    }
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys))).isEqualTo("rwx------");
  }

  @Test
  void theDevelopmentShopCallsItsServicesWithAnInternalToken() throws Exception {
    Settings shop = DevIdentity.applyTo(ConfigLoader.load(Map.of("AUTH_DEV_KEYS_DIR", dir.toString())));

    Caller service = verify(shop, shop.string("auth.service.token"));
    assertThat(service.grants()).containsExactly("shop:internal");
  }

  @Test
  void aConfiguredIdentityProviderIsLeftAloneAndTheCommandRefusesToMint() {
    Settings configured = ConfigLoader.load(TestTokens.env());
    assertThat(DevIdentity.applyTo(configured).asJson()).isEqualTo(configured.asJson());

    assertThat(token(TestTokens.env(), "--user", "alice")).isEqualTo(1);
    assertThat(err.toString()).contains("identity provider is configured");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void aUserThatCannotBeACustomerIsAUsageError() {
    assertThat(token(Map.of("AUTH_DEV_KEYS_DIR", dir.toString()), "--user", "no spaces please")).isEqualTo(2);
    assertThat(token(Map.of("AUTH_DEV_KEYS_DIR", dir.toString()), "--user", "alice", "--ttl", "forever")).isEqualTo(2);
  }
}
