package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run} and {@code serve} refuse a misconfigured drain with exit 2 and a fix, before touching AWS. */
class DrainOptionsIT {
  static final String PLAN = "config/rehearsal.yaml";
  @TempDir Path state;

  @Test
  void runWithADrainButNoDrainPortSaysWhereHerokuDelivers() {
    InProcessMain.Run run = InProcessMain.run("run", PLAN, "--state-dir", state.resolve("s").toString(),
        "--drain", "myapp=CUTOVER_TEST_UNSET_SECRET");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--drain needs --drain-port");
  }

  @Test
  void aDrainPortWithoutADrainIsRefused() {
    InProcessMain.Run run = InProcessMain.run("run", PLAN, "--state-dir", state.resolve("s").toString(),
        "--drain-port", "0");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("--drain-port needs at least one --drain APP=ENV_VAR");
  }

  @Test
  void aSecretVariableThatIsNotSetIsNamedWithTheFix() {
    InProcessMain.Run run = InProcessMain.run("run", PLAN, "--state-dir", state.resolve("s").toString(),
        "--drain", "myapp=CUTOVER_TEST_UNSET_SECRET", "--drain-port", "0");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("CUTOVER_TEST_UNSET_SECRET is not set", "openssl rand -hex 24");
  }

  @Test
  void serveRefusesADrainSpecThatIsNotAppEqualsVariable() {
    InProcessMain.Run run = InProcessMain.run("serve", "--state-dir", state.resolve("s").toString(), "--port", "0",
        "--drain", "myapp");

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("is not APP=ENV_VAR");
  }
}
