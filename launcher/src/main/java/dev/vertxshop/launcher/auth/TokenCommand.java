package dev.vertxshop.launcher.auth;

import dev.vertxshop.platform.auth.AuthSettings;
import dev.vertxshop.platform.config.ConfigException;
import dev.vertxshop.platform.config.ConfigLoader;
import dev.vertxshop.platform.config.Settings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code vertx-shop token --user alice [--admin] [--ttl 1h]}: prints a bearer token signed with the
 * development key pair, for curl against a shop that runs without an identity provider.
 */
@Command(
    name = "token",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Prints a bearer token for a shop that uses the launcher's development key pair (no auth.jwt.* configured),",
      "e.g. curl -H \"Authorization: Bearer $(java -jar vertx-shop.jar token --user alice)\" ...",
      "The key pair is made on first use in auth.dev-keys.dir (default ~/.vertx-shop/dev-keys)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the token was printed", "1:an identity provider is configured, or the key pair cannot be read", "2:invalid command line"})
public final class TokenCommand implements Callable<Integer> {

  /** What a customer id may look like (the orders API's rule), so that the token can place orders. */
  private static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$");

  @Option(names = "--user", required = true, paramLabel = "NAME", description = "The token's subject: the customer it acts for.")
  String user;

  @Option(names = "--admin", description = "Grant the admin scope (auth.admin-grant) too: operators' endpoints, stock changes.")
  boolean admin;

  @Option(names = "--internal", description = "Grant the internal scope (auth.internal-grant) too: what only services call.")
  boolean internal;

  @Option(names = "--ttl", paramLabel = "TIME", defaultValue = "1h", converter = TtlConverter.class,
      description = "How long the token is valid: 30s, 15m, 1h, 7d (default: ${DEFAULT-VALUE}).")
  Duration ttl;

  @Option(names = "--config", paramLabel = "FILE", description = "The same YAML file as the shop's, for auth.dev-keys.dir and the grant names.")
  Path configFile;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
  boolean help;

  @Spec
  CommandSpec spec;

  private final Map<String, String> env;

  public TokenCommand() {
    this(System.getenv());
  }

  TokenCommand(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!SUBJECT.matcher(user).matches()) {
      throw new ParameterException(spec.commandLine(), "--user '" + user + "' is not a customer id: 1 to 64 of A-Z a-z 0-9 . _ @ -");
    }
    if (ttl.isZero() || ttl.isNegative() || ttl.compareTo(Duration.ofDays(366)) > 0) {
      throw new ParameterException(spec.commandLine(), "--ttl must be above 0 and at most a year");
    }
    Settings settings;
    try {
      settings = settings();
    } catch (ConfigException e) {
      err.println(e.getMessage());
      return 1;
    }
    if (AuthSettings.identityProviderConfigured(settings)) {
      err.println("An identity provider is configured (auth.jwt.*): ask it for tokens; this command signs with the "
          + "development key pair only, which that shop does not trust.");
      return 1;
    }
    List<String> grants = new ArrayList<>();
    if (admin) {
      grants.add(settings.string("auth.admin-grant"));
    }
    if (internal) {
      grants.add(settings.string("auth.internal-grant"));
    }
    DevKeys keys = DevKeys.loadOrCreate(DevKeys.directory(settings));
    out.println(keys.minter(Clock.systemUTC()).mint(user, grants, ttl));
    out.flush();
    return 0;
  }

  /** {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d}, or a plain number of seconds. */
  static final class TtlConverter implements ITypeConverter<Duration> {
    private static final Pattern FORMAT = Pattern.compile("(\\d{1,9})\\s*([smhd]?)");

    @Override
    public Duration convert(String value) {
      Matcher matcher = FORMAT.matcher(value.trim().toLowerCase(Locale.ROOT));
      if (!matcher.matches()) {
        throw new TypeConversionException("'" + value + "' is not a duration such as 30s, 15m, 1h or 7d");
      }
      long amount = Long.parseLong(matcher.group(1));
      return switch (matcher.group(2)) {
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        case "d" -> Duration.ofDays(amount);
        default -> Duration.ofSeconds(amount);
      };
    }
  }

  private Settings settings() {
    Map<String, String> merged = new HashMap<>(env);
    if (configFile != null) {
      merged.put(ConfigLoader.CONFIG_FILE_ENV, configFile.toString());
    }
    return ConfigLoader.load(merged);
  }
}
