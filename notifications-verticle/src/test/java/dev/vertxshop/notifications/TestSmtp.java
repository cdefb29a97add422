package dev.vertxshop.notifications;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A real SMTP server in the test JVM (GreenMail) on a port of its own, that keeps what it receives.
 * It can be stopped and started again on the same port, as an SMTP outage.
 */
public final class TestSmtp implements AutoCloseable {

  /** One received e-mail. */
  public record Mail(String from, String to, String subject, String text) {}

  private final int port;
  private GreenMail server;

  private TestSmtp(int port) {
    this.port = port;
  }

  /** A running server on a free port of 127.0.0.1. */
  public static TestSmtp start() {
    TestSmtp smtp = new TestSmtp(freePort());
    smtp.up();
    return smtp;
  }

  /** A server that is not running yet: nothing listens on its port until {@link #up()}. */
  public static TestSmtp stopped() {
    return new TestSmtp(freePort());
  }

  public int port() {
    return port;
  }

  /** Starts (again) on the same port; what was received before is gone. */
  public synchronized void up() {
    if (server == null) {
      GreenMail started = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
      started.start();
      server = started;
    }
  }

  /** Stops: connections to the port are refused until {@link #up()}. */
  public synchronized void down() {
    if (server != null) {
      server.stop();
      server = null;
    }
  }

  /** The e-mails received since the server last started, in the order they arrived. */
  public synchronized List<Mail> received() {
    if (server == null) {
      return List.of();
    }
    return Arrays.stream(server.getReceivedMessages()).map(TestSmtp::mail).toList();
  }

  private static Mail mail(MimeMessage message) {
    try {
      return new Mail(addresses(message.getFrom()), addresses(message.getAllRecipients()), message.getSubject(),
          text(message.getContent()));
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("GreenMail kept an e-mail that cannot be read", e);
    }
  }

  private static String addresses(Address[] addresses) {
    return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }

  private static String text(Object content) {
    if (content instanceof String text) {
      return text.replace("\r\n", "\n");
    }
    throw new IllegalStateException("expected a plain-text e-mail, got " + content.getClass().getName());
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    down();
  }
}
