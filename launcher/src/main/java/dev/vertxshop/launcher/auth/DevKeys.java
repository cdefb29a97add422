package dev.vertxshop.launcher.auth;

import dev.vertxshop.platform.auth.JwtSigner;
import dev.vertxshop.platform.auth.PublicKeys;
import dev.vertxshop.platform.auth.TokenMinter;
import dev.vertxshop.platform.config.Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.util.Set;

/**
 * The launcher's development key pair: the identity provider of a shop run without one. Made on
 * first use in {@code auth.dev-keys.dir} (default {@code ~/.vertx-shop/dev-keys}, outside any
 * repository), as {@code private.pem} and {@code public.pem} readable by their owner only, and
 * reused by every later run, the {@code token} subcommand and loadgen on the same machine.
 */
public final class DevKeys {

  public static final String ISSUER = "vertx-shop-dev";
  public static final String AUDIENCE = "vertx-shop";
  static final String PRIVATE_FILE = "private.pem";
  static final String PUBLIC_FILE = "public.pem";
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

  private final Path directory;
  private final String privatePem;
  private final String publicPem;

  private DevKeys(Path directory, String privatePem, String publicPem) {
    this.directory = directory;
    this.privatePem = privatePem;
    this.publicPem = publicPem;
  }

  /** {@code auth.dev-keys.dir}, or {@code ~/.vertx-shop/dev-keys}. */
  public static Path directory(Settings settings) {
    return settings.optionalString("auth.dev-keys.dir").map(Path::of)
        .orElseGet(() -> Path.of(System.getProperty("user.home"), ".vertx-shop", "dev-keys"));
  }

  /** Whether a key pair exists in {@code directory}. */
  public static boolean exist(Path directory) {
    return Files.isRegularFile(directory.resolve(PRIVATE_FILE)) && Files.isRegularFile(directory.resolve(PUBLIC_FILE));
  }

  /** The key pair in {@code directory}, made there first when there is none. */
  public static DevKeys loadOrCreate(Path directory) {
    if (!exist(directory)) {
      create(directory);
    }
    return load(directory);
  }

  /** The key pair in {@code directory}; fails when there is none. */
  public static DevKeys load(Path directory) {
    try {
      String privatePem = Files.readString(directory.resolve(PRIVATE_FILE), StandardCharsets.US_ASCII);
      String publicPem = Files.readString(directory.resolve(PUBLIC_FILE), StandardCharsets.US_ASCII);
      return new DevKeys(directory, privatePem, publicPem);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the development key pair in " + directory, e);
    }
  }

  private static void create(Path directory) {
    KeyPair pair;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      pair = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Cannot make an RSA key pair", e);
    }
    try {
      Files.createDirectories(directory);
      restrict(directory, OWNER_ONLY_DIRECTORY);
      // The public key goes last: a pair counts as present once both exist (see exist).
      write(directory, PRIVATE_FILE, PublicKeys.pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
      write(directory, PUBLIC_FILE, PublicKeys.pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the development key pair to " + directory, e);
    }
  }

  /** Writes through a temporary file, so that another launcher starting at once never reads half a key. */
  private static void write(Path directory, String name, String content) throws IOException {
    Path temporary = Files.createTempFile(directory, name, ".tmp");
    restrict(temporary, OWNER_ONLY);
    Files.writeString(temporary, content, StandardCharsets.US_ASCII);
    try {
      Files.move(temporary, directory.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
      Files.move(temporary, directory.resolve(name), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static void restrict(Path path, Set<PosixFilePermission> permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, permissions);
    } catch (UnsupportedOperationException notPosix) {
      // A file system without POSIX permissions (Windows): its own ACLs apply.
    }
  }

  public Path directory() {
    return directory;
  }

  public String publicKeyPem() {
    return publicPem;
  }

  /** Mints tokens signed with the private key, for {@link #ISSUER} and {@link #AUDIENCE}. */
  public TokenMinter minter(Clock clock) {
    return new TokenMinter(new JwtSigner(PublicKeys.parsePrivate("auth.dev-keys.dir", privatePem), null), ISSUER, AUDIENCE, clock);
  }
}
