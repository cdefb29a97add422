package dev.vertxshop.notifications.domain;

import java.util.regex.Pattern;

/**
 * A customer's mailbox, {@code local@domain} in plain ASCII. Anything else (spaces, line breaks,
 * display names, several addresses) is refused, so a value from an event can never add a header or a
 * recipient to a mail.
 */
public record EmailAddress(String value) {

  private static final int MAX_LENGTH = 254;
  private static final Pattern SHAPE =
      Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*");

  public EmailAddress {
    if (value == null || value.length() > MAX_LENGTH || !SHAPE.matcher(value).matches()) {
      throw new InvalidOrderException("'" + value + "' is not an e-mail address");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
