package dev.vertxshop.payments.adapter.out.grpc;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What the fraud service is told when the payment itself does not say.
 *
 * @param merchantId who is paid: this shop ({@code payments.merchant-id})
 * @param countryCode the country of a payment whose request names none ({@code
 *     payments.default-country}), ISO 3166-1 alpha-2
 */
public record TransactionDefaults(String merchantId, String countryCode) {

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  public TransactionDefaults {
    Objects.requireNonNull(merchantId, "merchant id");
    Objects.requireNonNull(countryCode, "country code");
    if (merchantId.isBlank()) {
      throw new IllegalArgumentException("The merchant id is not blank");
    }
    if (!COUNTRY.matcher(countryCode).matches()) {
      throw new IllegalArgumentException("'" + countryCode + "' is not two upper-case letters (ISO 3166-1 alpha-2)");
    }
  }
}
