package dev.cutover.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
  static final Backoff B = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
  static final Instant NOW = Instant.parse("2026-10-21T07:28:00Z");

  @Test
  void doublesAfterEachFailureUpToTheMaximum() {
    assertThat(B.after(1, Optional.empty())).isEqualTo(Duration.ofSeconds(1));
    assertThat(B.after(2, Optional.empty())).isEqualTo(Duration.ofSeconds(2));
    assertThat(B.after(5, Optional.empty())).isEqualTo(Duration.ofSeconds(16));
    assertThat(B.after(6, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
    assertThat(B.after(60, Optional.empty())).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void waitsAtLeastWhatRetryAfterAsksUpToFiveMinutes() {
    assertThat(B.after(1, Optional.of(Duration.ofSeconds(7)))).isEqualTo(Duration.ofSeconds(7));
    assertThat(B.after(6, Optional.of(Duration.ofSeconds(7)))).as("the backoff is longer").isEqualTo(
        Duration.ofSeconds(30));
    assertThat(B.after(1, Optional.of(Duration.ofHours(2)))).isEqualTo(Backoff.MAX_RETRY_AFTER);
  }

  @Test
  void readsRetryAfterAsSecondsOrAnHttpDate() {
    assertThat(Backoff.retryAfter("120", NOW)).contains(Duration.ofSeconds(120));
    assertThat(Backoff.retryAfter("Wed, 21 Oct 2026 07:28:30 GMT", NOW)).contains(Duration.ofSeconds(30));
    assertThat(Backoff.retryAfter("Wed, 21 Oct 2026 07:27:00 GMT", NOW)).as("in the past").contains(Duration.ZERO);
    assertThat(Backoff.retryAfter("soon", NOW)).isEmpty();
    assertThat(Backoff.retryAfter(null, NOW)).isEmpty();
  }
}
