package dev.vertxshop.launcher;

/**
 * A server a service needs besides its own process. For each one that a selected service needs and
 * the configuration leaves empty, the launcher starts an embedded server in its JVM.
 */
public enum Infrastructure {
  /** {@code pg.url} / {@code pg.host}; embedded: PostgreSQL on a free port. */
  POSTGRESQL,
  /** {@code kafka.bootstrap-servers}; embedded: a single-node broker on {@code kafka.embedded.port}. */
  KAFKA,
  /** {@code redis.url}; embedded: Redis on {@code redis.embedded.port}. */
  REDIS,
  /** {@code notifications.smtp.host}; embedded: an SMTP server on {@code notifications.smtp.embedded-port}. */
  SMTP
}
