package dev.cutover.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.Secret;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactorTest {
  @Test
  void takesOutEverySecretAndTheSecretPathOfAUrl() {
    Redactor r = new Redactor(List.of(new Secret("https://hooks.slack.com/services/T1/B2/SEKRET", "$S"),
        new Secret("R0UTINGKEY", "$R")));

    assertThat(r.clean("POST https://hooks.slack.com/services/T1/B2/SEKRET failed; key R0UTINGKEY"))
        .isEqualTo("POST <redacted> failed; key <redacted>");
    assertThat(r.clean("404 no_service for /services/T1/B2/SEKRET")).isEqualTo("404 no_service for <redacted>");
    assertThat(r.clean("connection refused: hooks.slack.com/10.0.0.1:443")).contains("hooks.slack.com");
    assertThat(r.clean(null)).isEmpty();
  }
}
