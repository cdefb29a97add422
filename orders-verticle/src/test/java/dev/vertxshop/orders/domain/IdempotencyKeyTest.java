package dev.vertxshop.orders.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdempotencyKeyTest {

  private static final String HASH = "a".repeat(64);

  @ParameterizedTest
  @ValueSource(strings = {"k", "550e8400-e29b-41d4-a716-446655440000", "order 17 for ann", "~!@#$%^&*()_+{}|:\"<>?`-=[]\\;',./"})
  void printableAsciiKeysUpTo255CharactersAreAccepted(String value) {
    assertThat(new IdempotencyKey(value).value()).isEqualTo(value);
    assertThat(new IdempotencyKey("x".repeat(255)).value()).hasSize(255);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "tab\there", "new\nline", "caf\u00e9", "\u007f"})
  void otherKeysAreRefused(String value) {
    assertThatThrownBy(() -> new IdempotencyKey(value)).isInstanceOf(InvalidOrderException.class);
  }

  @Test
  void aKeyOf256CharactersIsRefused() {
    assertThatThrownBy(() -> new IdempotencyKey("x".repeat(256))).isInstanceOf(InvalidOrderException.class);
  }

  @Test
  void aStoredKeyIsRepeatedOnlyByTheSameKeyWithTheSameRequest() {
    IdempotencyKey key = new IdempotencyKey("k-1");
    IdempotencyRecord stored = new IdempotencyRecord(key, HASH, UUID.randomUUID(), Instant.EPOCH);

    assertThat(stored.isRepeatedBy(new IdempotentRequest(key, HASH))).isTrue();
    assertThat(stored.isRepeatedBy(new IdempotentRequest(key, "b".repeat(64)))).isFalse();
    assertThat(stored.isRepeatedBy(new IdempotentRequest(new IdempotencyKey("k-2"), HASH))).isFalse();
    assertThatThrownBy(() -> new IdempotentRequest(key, "not-a-hash")).isInstanceOf(IllegalArgumentException.class);
  }
}
