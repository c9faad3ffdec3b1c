package dev.cutover.domain;

import java.util.Objects;

/**
 * A secret text (a webhook URL, an HMAC key, a routing key) and where it came from. Its value never shows in
 * {@link #toString()}, so neither a log line nor an error message can carry it by accident.
 */
public final class Secret {
  private final String value;
  private final String source;

  /** @param source where it came from, for messages: {@code $SLACK_WEBHOOK} or {@code /run/secrets/slack} */
  public Secret(String value, String source) {
    this.value = Objects.requireNonNull(value, "value");
    this.source = Objects.requireNonNull(source, "source");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("an empty secret from " + source);
    }
  }

  /** The value itself: for the request that needs it, never for a message. */
  public String reveal() {
    return value;
  }

  public String source() {
    return source;
  }

  @Override
  public String toString() {
    return "<secret from " + source + ">";
  }
}
