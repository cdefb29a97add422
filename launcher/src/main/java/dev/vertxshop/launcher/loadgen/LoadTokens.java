package dev.vertxshop.launcher.loadgen;

import dev.vertxshop.platform.auth.TokenMinter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The bearer tokens loadgen sends: one per simulated customer (minted from the development key
 * pair, so each order is placed for its own customer) or one given token for every order (the
 * orders then name no customer and are placed for that token's subject), and an operator's token
 * to seed the catalogue.
 */
public final class LoadTokens {

  /** Longer than any run; minted tokens are kept for the whole run. */
  static final Duration TTL = Duration.ofHours(12);

  private final String fixedCustomerToken;
  private final TokenMinter minter;
  private final String adminToken;
  private final Map<String, String> minted = new ConcurrentHashMap<>();

  private LoadTokens(String fixedCustomerToken, TokenMinter minter, String adminToken) {
    this.fixedCustomerToken = fixedCustomerToken;
    this.minter = minter;
    this.adminToken = Objects.requireNonNull(adminToken, "adminToken");
  }

  /** {@code customerToken} for every order (null: one minted per customer) and {@code adminToken} (null: minted). */
  static LoadTokens of(String customerToken, String adminToken, TokenMinter minter, String adminGrant) {
    if ((customerToken == null || adminToken == null) && minter == null) {
      throw new IllegalArgumentException("a token to mint is missing and there is no key pair to mint it with");
    }
    String admin = adminToken != null ? adminToken : minter.mint("loadgen-operator", List.of(adminGrant), TTL);
    return new LoadTokens(customerToken, minter, admin);
  }

  /** Whether each order carries a token of its own customer (otherwise orders leave the customer to the one token). */
  boolean perCustomer() {
    return fixedCustomerToken == null;
  }

  /** The token of the order of {@code customerId}. */
  String customer(String customerId) {
    return perCustomer() ? minted.computeIfAbsent(customerId, id -> minter.mint(id, List.of(), TTL)) : fixedCustomerToken;
  }

  String admin() {
    return adminToken;
  }
}
