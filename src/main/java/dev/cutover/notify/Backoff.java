package dev.cutover.notify;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * How long to wait before the next attempt: {@code first} after the first failure, doubled after each one up to
 * {@code max}; never less than what the receiver asked for in Retry-After (seconds or an HTTP date; RFC 9110
 * §10.2.3), which is honoured up to {@link #MAX_RETRY_AFTER}.
 */
record Backoff(Duration first, Duration max) {
  static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);

  Duration after(int failures, Optional<Duration> retryAfter) {
    Duration exponential = first;
    for (int i = 1; i < failures && exponential.compareTo(max) < 0; i++) {
      exponential = exponential.multipliedBy(2);
    }
    if (exponential.compareTo(max) > 0) {
      exponential = max;
    }
    if (retryAfter.isPresent()) {
      Duration asked = retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : retryAfter.get();
      return asked.compareTo(exponential) > 0 ? asked : exponential;
    }
    return exponential;
  }

  /** A Retry-After header's wait from {@code now}: {@code 120} or {@code Wed, 21 Oct 2026 07:28:00 GMT}. */
  static Optional<Duration> retryAfter(String header, Instant now) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    String h = header.trim();
    if (h.matches("\\d{1,9}")) {
      return Optional.of(Duration.ofSeconds(Long.parseLong(h)));
    }
    try {
      Duration d = Duration.between(now, ZonedDateTime.parse(h, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
      return Optional.of(d.isNegative() ? Duration.ZERO : d);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
