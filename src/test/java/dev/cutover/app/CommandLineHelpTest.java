package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Help for every command, at 3 a.m.: -h, --help and `cutover help CMD`, never "Missing required parameter". */
class CommandLineHelpTest {
  InProcessMain.Run last;

  int run(String... args) {
    last = InProcessMain.run(args);
    return last.exit();
  }

  String out() {
    return last.out();
  }

  String err() {
    return last.err();
  }

  static List<String> commands() {
    return List.copyOf(Main.commandLine(System.out, System.err).getSubcommands().keySet());
  }

  @Test
  void everyCommandIsListed() {
    assertThat(commands()).contains("validate", "plan", "run", "status", "rollback", "pause", "resume",
        "promote", "abort", "history", "demo", "sandbox", "rehearse", "help", "completion");
  }

  @Test
  void everyCommandPrintsItsHelpForDashDashHelpAndDashHWithoutItsRequiredArguments() {
    for (String command : commands()) {
      for (String flag : List.of("--help", "-h")) {
        int exit = run(command, flag);

        assertThat(exit).as("cutover %s %s: %s", command, flag, err()).isZero();
        assertThat(out()).as("cutover %s %s", command, flag).contains("Usage: cutover " + command);
        assertThat(err()).doesNotContain("Missing required");
      }
    }
  }

  @Test
  void helpCommandPrintsTheHelpOfTheNamedCommand() {
    for (String command : commands()) {
      assertThat(run("help", command)).as("cutover help %s", command).isZero();
      assertThat(out()).contains("Usage: cutover " + command);
    }
  }

  @Test
  void rollbackHelpNamesItsOptionsInsteadOfAskingForThePlan() {
    assertThat(run("rollback", "--help")).isZero();

    assertThat(out()).contains("--no-wait", "PLAN");
    assertThat(err()).isEmpty();
  }

  @Test
  void topLevelHelpListsEveryExitCodeIncludingSignals() {
    assertThat(run("--help")).isZero();

    assertThat(out()).contains("Exit codes:", "130", "SIGINT", "143", "SIGTERM");
    for (int code = 0; code <= 7; code++) {
      assertThat(out()).containsPattern("(?m)^  " + code + " ");
    }
  }

  @Test
  void completionPrintsABashScriptThatBashAccepts(@TempDir Path dir) throws Exception {
    assertThat(run("completion")).isZero();
    String script = out();
    assertThat(script).contains("cutover", "rollback", "--no-wait", "--state-dir");

    Path file = Files.writeString(dir.resolve("cutover-completion.bash"), script);
    Process bash;
    try {
      bash = new ProcessBuilder("bash", "-c", "source " + file + " && complete -p cutover")
          .redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "no bash on this machine");
      return;
    }
    assertThat(bash.waitFor(20, TimeUnit.SECONDS)).isTrue();
    String said = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(bash.exitValue()).as(said).isZero();
    assertThat(said).contains("complete").contains("cutover");
  }

  @Test
  void anUnknownCommandIsInvalidInput() {
    assertThat(run("no-such-command")).isEqualTo(CommandLine.ExitCode.USAGE);
  }
}
