package dev.vertxshop.embedded;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message.RecipientType;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A real SMTP server (GreenMail) on 127.0.0.1 that keeps every mail it receives in memory, for
 * development and tests. It takes mail without authentication and accepts any user name and
 * password when a client authenticates. Plain SMTP only: clients must not require STARTTLS.
 */
public final class EmbeddedSmtp implements AutoCloseable {

  /**
   * One received mail.
   *
   * @param messageId its Message-ID header ("" when it has none)
   * @param from the sender's address
   * @param to the recipients' addresses (To only)
   * @param subject the subject
   * @param text the text/plain body ("" when the mail has none)
   * @param html the text/html body ("" when the mail has none)
   */
  public record ReceivedMail(String messageId, String from, List<String> to, String subject, String text, String html) {
    public ReceivedMail {
      to = List.copyOf(to);
    }
  }

  private final GreenMail greenMail;
  private final int port;

  private EmbeddedSmtp(GreenMail greenMail, int port) {
    this.greenMail = greenMail;
    this.port = port;
  }

  /**
   * Starts the server and returns once it accepts connections.
   *
   * @param port the port on 127.0.0.1; 0 picks a free one
   * @throws PortInUseException when something already listens on {@code port}
   */
  public static EmbeddedSmtp start(int port) {
    int resolved = Ports.resolve(port);
    Ports.requireFree(resolved, "SMTP server");
    GreenMail greenMail = new GreenMail(new ServerSetup(resolved, Ports.HOST, ServerSetup.PROTOCOL_SMTP));
    greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    try {
      greenMail.start();
    } catch (RuntimeException e) {
      throw new IllegalStateException("The embedded SMTP server on " + Ports.HOST + ":" + resolved
          + " failed to start: " + e.getMessage(), e);
    }
    return new EmbeddedSmtp(greenMail, resolved);
  }

  public String host() {
    return Ports.HOST;
  }

  public int port() {
    return port;
  }

  /**
   * Every mail received so far, oldest first, once per mail: the server files a copy in each
   * recipient's mailbox, and copies with the same Message-ID count once.
   */
  public List<ReceivedMail> receivedMessages() {
    Set<String> seen = new HashSet<>();
    return Arrays.stream(greenMail.getReceivedMessages())
        .map(EmbeddedSmtp::toMail)
        .filter(mail -> mail.messageId().isEmpty() || seen.add(mail.messageId()))
        .toList();
  }

  /** Forgets every mail received so far. */
  public void clear() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException("Could not purge the embedded SMTP server's mailboxes", e);
    }
  }

  public boolean isRunning() {
    return greenMail.isRunning();
  }

  /** Stops the server; the mails it held are gone. */
  public void stop() {
    greenMail.stop();
  }

  @Override
  public void close() {
    stop();
  }

  private static ReceivedMail toMail(MimeMessage message) {
    try {
      Address[] from = message.getFrom();
      Address[] to = message.getRecipients(RecipientType.TO);
      return new ReceivedMail(
          Objects.requireNonNullElse(message.getMessageID(), ""),
          from == null || from.length == 0 ? "" : address(from[0]),
          to == null ? List.of() : Arrays.stream(to).map(EmbeddedSmtp::address).toList(),
          Objects.requireNonNullElse(message.getSubject(), ""),
          body(message, "text/plain"),
          body(message, "text/html"));
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException("Could not read a mail the embedded SMTP server received", e);
    }
  }

  private static String address(Address address) {
    return address instanceof InternetAddress internet ? internet.getAddress() : address.toString();
  }

  /** The first part of {@code mimeType} in the mail, looking into (nested) multiparts. */
  private static String body(Part part, String mimeType) throws MessagingException, IOException {
    if (part.isMimeType(mimeType) && !Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return part.getContent().toString();
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String found = body(child, mimeType);
        if (!found.isEmpty()) {
          return found;
        }
      }
    }
    return "";
  }
}
