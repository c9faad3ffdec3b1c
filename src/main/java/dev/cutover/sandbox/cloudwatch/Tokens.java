package dev.cutover.sandbox.cloudwatch;

import java.util.List;

/**
 * A cursor over the tokens of a small recursive-descent parser (alarm rules, metric math): look ahead, consume,
 * and fail with a validation error that quotes the whole input.
 */
final class Tokens {
  private final List<String> tokens;
  private final String errorPrefix;
  private final boolean ignoreCase;
  private int pos;

  /** @param errorPrefix e.g. "Invalid AlarmRule 'ALARM(x' " — every error message starts with it */
  Tokens(List<String> tokens, String errorPrefix, boolean ignoreCase) {
    this.tokens = tokens;
    this.errorPrefix = errorPrefix;
    this.ignoreCase = ignoreCase;
  }

  boolean peek(String t) {
    return pos < tokens.size() && (ignoreCase ? tokens.get(pos).equalsIgnoreCase(t) : tokens.get(pos).equals(t));
  }

  /** The next token without consuming it, or null at the end. */
  String current() {
    return pos < tokens.size() ? tokens.get(pos) : null;
  }

  /** Consumes and returns the next token; at the end, fails with {@code atEnd}. */
  String next(String atEnd) {
    if (pos >= tokens.size()) {
      throw error(atEnd);
    }
    return tokens.get(pos++);
  }

  void skip() {
    pos++;
  }

  void expect(String t) {
    if (!peek(t)) {
      throw error("expected '" + t + "'");
    }
    pos++;
  }

  /** Fails unless every token was consumed. */
  void requireEnd() {
    if (pos != tokens.size()) {
      throw error("unexpected '" + tokens.get(pos) + "'");
    }
  }

  CloudWatchServiceException error(String what) {
    return CloudWatchServiceException.validation(errorPrefix + what);
  }
}
