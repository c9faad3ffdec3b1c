package dev.cutover.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The API's bearer tokens. A token is shown once, when it is created; the store keeps only a salted hash of its
 * secret, so a copy of the store does not let anyone call the API. Tokens are looked up by the id they carry
 * and their secret is compared in constant time.
 */
public interface TokenStore {
  /** Token names: what the journal records as "by", so short and readable. */
  Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  /** A stored token, without its secret. */
  record TokenInfo(String id, String name, Role role, Instant createdAt) {}

  /**
   * Creates a token named {@code name} with {@code role} and returns it in full (the only time it is known).
   * Fails with {@link NameTakenException} when a token of that name exists, and with
   * {@link IllegalArgumentException} when the name is not 1-64 letters, digits, '.', '_', '@' or '-'.
   */
  Future<String> create(String name, Role role, Instant at);

  /** The principal of {@code token}, or empty when it is not a token of this store (unknown, wrong secret). */
  Future<Optional<Principal>> verify(String token);

  /** Every token, oldest first. */
  Future<List<TokenInfo>> list();

  /** A token of this name exists already: names are unique, as they are what the journal records. */
  final class NameTakenException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NameTakenException(String name) {
      super("a token named " + name + " exists already; choose another name (names are what the journal"
          + " records as who acted)");
    }
  }

  static void requireValidName(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("token name `" + name + "` is not 1 to 64 letters, digits, '.', '_', '@'"
          + " or '-' starting with a letter or digit: it is recorded as who acted, e.g. ci-deploy or alice");
    }
  }
}
