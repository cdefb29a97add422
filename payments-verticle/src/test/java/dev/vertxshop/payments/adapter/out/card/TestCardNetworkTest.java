package dev.vertxshop.payments.adapter.out.card;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vertxshop.payments.domain.Authorization;
import dev.vertxshop.payments.domain.CardDetails;
import dev.vertxshop.payments.domain.DeclineReason;
import dev.vertxshop.payments.domain.Money;
import dev.vertxshop.payments.domain.OrderId;
import io.vertx.core.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The documented test card numbers; pure rules, no Vert.x instance and no I/O. */
class TestCardNetworkTest {

  @ParameterizedTest
  @ValueSource(strings = {"4242424242424242", "5555555555554444", "378282246310005", "6011111111111117"})
  void approvesAnyOtherLuhnValidNumber(String number) {
    assertThat(TestCardNetwork.decide(CardDetails.of(number))).isEqualTo(Authorization.approve());
  }

  @ParameterizedTest(name = "{0} is declined {1}")
  @CsvSource({
      "4242424242424241, INCORRECT_NUMBER",
      "4000000000000001, INCORRECT_NUMBER",
      "4000000000000002, CARD_DECLINED",
      "5105105105100002, CARD_DECLINED",
      "4000000000009995, INSUFFICIENT_FUNDS",
      "5500000000029995, INSUFFICIENT_FUNDS"})
  void declinesTheDocumentedTestNumbers(String number, DeclineReason reason) {
    CardDetails card = CardDetails.of(number);

    assertThat(TestCardNetwork.decide(card)).isEqualTo(Authorization.decline(reason));
  }

  @Test
  void theLuhnCheckComesBeforeTheSuffixRules() {
    CardDetails failsLuhnButEndsIn0002 = CardDetails.of("4000000000010002");

    assertThat(failsLuhnButEndsIn0002.passesLuhnCheck()).isFalse();
    assertThat(TestCardNetwork.decide(failsLuhnButEndsIn0002))
        .isEqualTo(Authorization.decline(DeclineReason.INCORRECT_NUMBER));
  }

  @Test
  void answersAtOnceWhateverTheAmount() {
    Future<Authorization> answer = new TestCardNetwork()
        .authorize(OrderId.of("o-1"), CardDetails.of("4000000000009995"), Money.positive(1));

    assertThat(answer.succeeded()).isTrue();
    assertThat(answer.result()).isEqualTo(Authorization.decline(DeclineReason.INSUFFICIENT_FUNDS));
  }
}
