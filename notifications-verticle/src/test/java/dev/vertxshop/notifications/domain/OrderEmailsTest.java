package dev.vertxshop.notifications.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OrderEmailsTest {

  private static final UUID ORDER_ID = UUID.fromString("9b0c5f0e-3f57-4a53-9d0e-2f7f4b8f6c11");
  private static final Instant AT = Instant.parse("2025-03-04T10:15:30Z");
  private static final OrderDetails ORDER = new OrderDetails(ORDER_ID, "alice", new EmailAddress("alice@example.com"),
      List.of(new OrderLine("espresso-beans-1kg", 2, 2490), new OrderLine("ceramic-mug", 1, 1250)), 6230);

  @Test
  void confirmationIsAddressedToTheCustomerWithTheOrderIdInTheSubject() {
    OrderEmail email = OrderEmails.confirmation(ORDER, AT);

    assertThat(email.to().value()).isEqualTo("alice@example.com");
    assertThat(email.subject()).isEqualTo("Your order " + ORDER_ID + " is confirmed");
    assertThat(email.kind()).isEqualTo(EmailKind.CONFIRMATION);
    assertThat(email.orderId()).isEqualTo(ORDER_ID);
  }

  @Test
  void confirmationListsEveryItemWithQuantityPricesAndTheTotal() {
    String text = OrderEmails.confirmation(ORDER, AT).text();

    assertThat(text)
        .contains("2 x espresso-beans-1kg, 24.90 each: 49.80")
        .contains("1 x ceramic-mug, 12.50 each: 12.50")
        .contains("Total: 62.30")
        .contains("Confirmed on 2025-03-04 10:15 UTC");
  }

  @Test
  void confirmationShowsTheTotalTheOrderWasChargedNotARecomputedOne() {
    OrderDetails discounted = new OrderDetails(ORDER_ID, "alice", new EmailAddress("alice@example.com"),
        List.of(new OrderLine("espresso-beans-1kg", 2, 2490)), 4000);

    assertThat(OrderEmails.confirmation(discounted, AT).text()).contains("Total: 40.00").doesNotContain("Total: 49.80");
  }

  @Test
  void cancellationExplainsTheReasonInCustomerWordsAndNeverQuotesTheInternalText() {
    CancellationReason reason = new CancellationReason("PAYMENT_DECLINED", "payment-declined: fraud_suspected");

    OrderEmail email = OrderEmails.cancellation(ORDER, AT, reason);

    assertThat(email.kind()).isEqualTo(EmailKind.CANCELLATION);
    assertThat(email.subject()).isEqualTo("Your order " + ORDER_ID + " is cancelled");
    assertThat(email.text())
        .contains("your order " + ORDER_ID + " could not be completed and has been cancelled")
        .contains("Your payment was declined.")
        .contains("2 x espresso-beans-1kg, 24.90 each: 49.80")
        .contains("Total: 62.30")
        .doesNotContain("fraud")
        .doesNotContain("payment-declined");
  }

  @Test
  void formatsCentsWithTwoDecimals() {
    assertThat(OrderEmails.amount(0)).isEqualTo("0.00");
    assertThat(OrderEmails.amount(5)).isEqualTo("0.05");
    assertThat(OrderEmails.amount(499)).isEqualTo("4.99");
    assertThat(OrderEmails.amount(1234567)).isEqualTo("12345.67");
  }
}
