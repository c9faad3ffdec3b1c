package dev.cutover.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.port.Principal;
import dev.cutover.port.Role;
import dev.cutover.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionsTest {
  static final Instant T0 = Instant.parse("2026-11-30T09:00:00Z");
  final MutableClock clock = new MutableClock(T0);
  final Sessions sessions = new Sessions(clock, Duration.ofHours(8));
  final Principal alice = new Principal("alice", Role.OPERATOR);

  @Test
  void aSessionLastsItsLifetimeThenIsForgotten() {
    Sessions.Session s = sessions.open(alice, Optional.empty());
    assertThat(s.expiresAt()).isEqualTo(T0.plus(Duration.ofHours(8)));

    clock.advance(Duration.ofHours(8).minusSeconds(1));
    assertThat(sessions.find(s.id())).contains(s);
    assertThat(sessions.secondsLeft(s)).isEqualTo(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.find(s.id())).isEmpty();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void aSessionFromAJwtEndsWhenTheJwtExpiresIfThatIsSooner() {
    assertThat(sessions.open(alice, Optional.of(T0.plusSeconds(600))).expiresAt()).isEqualTo(T0.plusSeconds(600));
    assertThat(sessions.open(alice, Optional.of(T0.plus(Duration.ofDays(2)))).expiresAt())
        .isEqualTo(T0.plus(Duration.ofHours(8)));
  }

  @Test
  void idsAndCsrfTokensAreDistinctRandomSecretsComparedExactly() {
    Sessions.Session a = sessions.open(alice, Optional.empty());
    Sessions.Session b = sessions.open(alice, Optional.empty());

    assertThat(a.id()).isNotEqualTo(b.id()).isNotEqualTo(a.csrf()).hasSize(43);
    assertThat(a.csrf()).isNotEqualTo(b.csrf()).hasSize(43);
    assertThat(Sessions.csrfMatches(a, a.csrf())).isTrue();
    assertThat(Sessions.csrfMatches(a, b.csrf())).isFalse();
    assertThat(Sessions.csrfMatches(a, null)).isFalse();
    assertThat(Sessions.csrfMatches(a, "")).isFalse();
    assertThat(sessions.find("not-a-session")).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
  }

  @Test
  void signingOutForgetsTheSession() {
    Sessions.Session s = sessions.open(alice, Optional.empty());
    sessions.end(s.id());
    assertThat(sessions.find(s.id())).isEmpty();
  }

  @Test
  void theExpiryOfAJwtIsReadFromItsPayload() {
    String payload = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        "{\"sub\":\"a\",\"exp\":1900000000}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(DashboardRoutes.jwtExpiry("e30." + payload + ".sig")).contains(Instant.ofEpochSecond(1900000000L));
    assertThat(DashboardRoutes.jwtExpiry("not a jwt")).isEmpty();
  }
}
