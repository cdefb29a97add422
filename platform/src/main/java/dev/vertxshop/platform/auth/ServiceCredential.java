package dev.vertxshop.platform.auth;

import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code Authorization} header a service sends when it calls another ({@code auth.service.*}):
 * its own token in {@code credential} mode; in {@code forward} mode the token of the request being
 * served ({@link CallerContext}), or its own token outside a request. The own token is read at
 * start-up: after rotating it, restart the service (a rolling restart in Kubernetes).
 */
public final class ServiceCredential implements Supplier<Optional<String>> {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceCredential.class);

  private final ServiceCredentialSettings settings;
  private final Optional<String> own;

  private ServiceCredential(ServiceCredentialSettings settings) {
    this.settings = settings;
    this.own = settings.token().map(token -> "Bearer " + token);
  }

  /** The credential of {@code settings}. */
  public static ServiceCredential create(AuthSettings settings) {
    if (!settings.service().hasOwnToken()) {
      LOG.warn("No service token (auth.service.token, or the file AUTH_SERVICE_TOKEN_FILE names): calls to other services {}",
          settings.service().mode() == ServiceCredentialSettings.Mode.FORWARD
              ? "made outside a request carry no credential and are refused"
              : "carry no credential and are refused");
    }
    return new ServiceCredential(settings.service());
  }

  /** The value of the {@code Authorization} header for a call made now; empty when there is none to send. */
  @Override
  public Optional<String> get() {
    if (settings.mode() == ServiceCredentialSettings.Mode.FORWARD) {
      Optional<Caller> caller = CallerContext.current();
      if (caller.isPresent()) {
        return Optional.of("Bearer " + caller.get().token());
      }
    }
    return own;
  }
}
