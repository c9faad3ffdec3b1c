package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cutover.testkit.AwsCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code cutover rehearse} and {@code cutover sandbox} as users run them. */
@Timeout(240)
class SandboxCommandsIT {

  @Test
  void rehearsingTheExamplePlanWithAwsErrorsRevertsAtFiftyPercentAndReportsWhen() {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Main.run("rehearse", "config/example.yaml", "--scenario", "aws-errors", "--speed", "200");
    } finally {
      System.setOut(original);
    }
    String out = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(out);

    assertThat(exit).as(out).isEqualTo(4);
    assertThat(out).contains("approved step 2", "sandbox fault started: when split >= 50%",
        "REVERTING to 100% Heroku — trigger: gate api-aws-5xx-rate", "fault started at +",
        "revert applied");
  }

  @Test
  void theStandaloneSandboxServesTheAwsCliWithThePlansWorld() throws Exception {
    String cli = Files.isExecutable(Path.of("/usr/bin/aws")) ? "/usr/bin/aws" : which("aws");
    assumeTrue(cli != null, "no AWS CLI found (v1 as `aws` on PATH, or v2 from `apt-get install -y awscli`)");
    try (SandboxProcess sandbox = SandboxProcess.start("--plan", "config/example.yaml")) {
      String endpoint = sandbox.endpoint();
      assertThat(endpoint).as(String.join("\n", sandbox.startup())).startsWith("http://127.0.0.1:");

      String records = aws(cli, endpoint, "route53", "list-resource-record-sets", "--hosted-zone-id",
          "Z0123456789ABCDEFGHIJ");
      assertThat(records).contains("api.example.com.", "\"SetIdentifier\": \"heroku\"", "\"Weight\": 100");
      String alarms = aws(cli, endpoint, "cloudwatch", "describe-alarms", "--alarm-names", "api-aws-5xx-rate");
      assertThat(alarms).contains("api-aws-5xx-rate");
    }
  }

  private static String aws(String cli, String endpoint, String... args) {
    return new AwsCli(Path.of(cli), endpoint).ok(args).stdout();
  }

  private static String which(String name) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }
}
