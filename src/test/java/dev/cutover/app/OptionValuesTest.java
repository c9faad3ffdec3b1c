package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A wrong option value is invalid input (exit 2) naming the option, refused before anything starts. */
class OptionValuesTest {
  static final List<String> BAD_SPEEDS = List.of("0", "-1", "NaN", "Infinity", "-Infinity", "1001", "fast", "0.5");

  static void assertRefused(String option, String... args) {
    InProcessMain.Run run = InProcessMain.run(args);

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).as(run.toString()).contains("Invalid value for option '" + option + "'")
        .contains("Try 'cutover ").doesNotContain("\tat ").doesNotContain("(an internal error");
  }

  @Test
  void sandboxRefusesASpeedThatIsNotFromOneToAThousand() {
    for (String speed : BAD_SPEEDS) {
      assertRefused("--speed", "sandbox", "--port", "0", "--speed", speed);
    }
  }

  @Test
  void demoRefusesASpeedThatIsNotFromOneToAThousand() {
    for (String speed : BAD_SPEEDS) {
      assertRefused("--speed", "demo", "--speed", speed);
    }
  }

  @Test
  void rehearseRefusesASpeedThatIsNotFromOneToAThousand() {
    for (String speed : BAD_SPEEDS) {
      assertRefused("--speed", "rehearse", "config/example.yaml", "--speed", speed);
    }
  }

  @Test
  void runRefusesATimeSpeedThatIsNotFromOneToAThousand() {
    for (String speed : BAD_SPEEDS) {
      assertRefused("--time-speed", "--time-speed", speed, "run", "config/example.yaml");
    }
  }

  @Test
  void anEndpointThatIsNotAnHttpUrlIsRefusedNamingTheOption() {
    for (String url : List.of("localhost:4566", "127.0.0.1:4566", "ftp://127.0.0.1", "http://", "not a url")) {
      assertRefused("--route53-endpoint", "--route53-endpoint", url, "status", "config/example.yaml");
      assertRefused("--cloudwatch-endpoint", "--cloudwatch-endpoint", url, "status", "config/example.yaml");
    }
  }

  @Test
  void theSpeedMessageSaysWhatASpeedIs() {
    InProcessMain.Run run = InProcessMain.run("sandbox", "--speed", "0");

    assertThat(run.err()).contains("'0' is not a speed", "from 1 (real time) to 1000");
  }
}
