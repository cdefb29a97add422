package dev.vertxshop.fraud.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TransactionTest {

  @Test
  void acceptsAWellFormedTransaction() {
    Transaction transaction = new Transaction("tx-1", "alice", 0, "shop-1", "DE");

    assertThat(transaction.amountCents()).isZero();
    assertThat(transaction.countryCode()).isEqualTo("DE");
  }

  @Test
  void rejectsABlankTransactionIdNamingTheField() {
    assertThatThrownBy(() -> new Transaction("  ", "alice", 100, "shop-1", "DE"))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessage("transaction_id is required (was blank)")
        .extracting(e -> ((InvalidTransactionException) e).field()).isEqualTo("transaction_id");
  }

  @Test
  void rejectsAMissingUserId() {
    assertThatThrownBy(() -> new Transaction("tx-1", null, 100, "shop-1", "DE"))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessage("user_id is required (was blank)");
  }

  @Test
  void rejectsAnEmptyMerchantId() {
    assertThatThrownBy(() -> new Transaction("tx-1", "alice", 100, "", "DE"))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessage("merchant_id is required (was blank)");
  }

  @Test
  void acceptsAnIdOf128CharactersButNot129() {
    String longest = "x".repeat(128);
    assertThat(new Transaction(longest, "alice", 1, "shop-1", "DE").transactionId()).hasSize(128);

    assertThatThrownBy(() -> new Transaction("tx-1", "u".repeat(129), 1, "shop-1", "DE"))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessage("user_id must be at most 128 characters (was 129)");
  }

  @Test
  void rejectsANegativeAmountQuotingIt() {
    assertThatThrownBy(() -> new Transaction("tx-1", "alice", -5, "shop-1", "DE"))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessage("amount_cents must not be negative (was -5)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"de", "D", "DEU", "D1", "", "Dé"})
  void rejectsACountryThatIsNotTwoUpperCaseLetters(String country) {
    assertThatThrownBy(() -> new Transaction("tx-1", "alice", 100, "shop-1", country))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessageStartingWith("country_code must be two upper-case letters")
        .hasMessageEndingWith("was '" + country + "'");
  }

  @Test
  void quotesOnlyTheStartOfALongInvalidCountry() {
    assertThatThrownBy(() -> new Transaction("tx-1", "alice", 100, "shop-1", "a".repeat(1000)))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessageEndingWith("was '" + "a".repeat(16) + "...'");
  }

  @Test
  void reportsTheFirstInvalidFieldInDeclarationOrder() {
    assertThatThrownBy(() -> new Transaction("", "", -1, "", "x"))
        .isInstanceOf(InvalidTransactionException.class)
        .hasMessageStartingWith("transaction_id");
  }
}
