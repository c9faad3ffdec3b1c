package dev.cutover.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The webhook signature: HMAC-SHA256 over "timestamp.body", hex, with replay protection on the timestamp. */
class SignatureTest {
  static final String KEY = "whsec-test-key-0123456789";
  static final long TS = 1767225600L; // 2026-01-01T00:00:00Z
  static final String BODY = "{\"plan\":\"api-prod\"}";
  static final Instant NOW = Instant.ofEpochSecond(TS);
  static final Duration TOLERANCE = Duration.ofMinutes(5);

  @Test
  void signsTimestampDotBodyAsOpensslDoes() {
    // printf '%s' '1767225600.{"plan":"api-prod"}' | openssl dgst -sha256 -hmac 'whsec-test-key-0123456789'
    assertThat(Signature.sign(KEY, TS, BODY))
        .isEqualTo("sha256=" + "853042fb92ef5da542288676adf8e7250bf517fe9a968e5f01b74edce58397ee");
  }

  @Test
  void verifiesItsOwnSignatureWithinTheTolerance() {
    String sig = Signature.sign(KEY, TS, BODY);
    assertThat(Signature.verify(KEY, Long.toString(TS), sig, BODY, NOW.plusSeconds(299), TOLERANCE)).isTrue();
  }

  @Test
  void refusesAChangedBodyAWrongKeyOrAReplay() {
    String sig = Signature.sign(KEY, TS, BODY);
    assertThat(Signature.verify(KEY, Long.toString(TS), sig, BODY + " ", NOW, TOLERANCE)).as("body").isFalse();
    assertThat(Signature.verify("another-key-0123456789", Long.toString(TS), sig, BODY, NOW, TOLERANCE))
        .as("key").isFalse();
    assertThat(Signature.verify(KEY, Long.toString(TS), sig, BODY, NOW.plusSeconds(301), TOLERANCE))
        .as("a replay 301 s later").isFalse();
    assertThat(Signature.verify(KEY, Long.toString(TS + 1), sig, BODY, NOW, TOLERANCE))
        .as("another timestamp on the same signature").isFalse();
    assertThat(Signature.verify(KEY, "soon", sig, BODY, NOW, TOLERANCE)).as("no number").isFalse();
    assertThat(Signature.verify(KEY, null, sig, BODY, NOW, TOLERANCE)).as("no timestamp").isFalse();
    assertThat(Signature.verify(KEY, Long.toString(TS), null, BODY, NOW, TOLERANCE)).as("no signature").isFalse();
  }
}
