package dev.cutover.testkit;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Test kit: runs an AWS CLI executable as a subprocess against a local endpoint (or none, for --version), with
 * dummy credentials, no user configuration, and a timeout.
 */
public final class AwsCli {
  /** Where Debian's AWS CLI v2 lives ({@code apt-get install -y awscli}). */
  public static final Path V2 = Path.of("/usr/bin/aws");

  public record Result(int exitCode, String stdout, String stderr) {}

  private final Path executable;
  private final String endpoint;

  /** @param endpoint the sandbox's URL, or null to add no --endpoint-url (e.g. for --version) */
  public AwsCli(Path executable, String endpoint) {
    this.executable = executable;
    this.endpoint = endpoint;
  }

  /** The first {@code aws} on PATH that is not {@code /usr/bin/aws} (on these machines the v1 CLI). */
  public static Optional<Path> v1OnPath() {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "aws");
      if (Files.isExecutable(candidate) && !candidate.equals(V2)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  public Result run(String... args) {
    List<String> command = new ArrayList<>(List.of(executable.toString()));
    command.addAll(List.of(args));
    if (endpoint != null) {
      command.addAll(List.of("--endpoint-url", endpoint, "--output", "json"));
    }
    ProcessBuilder pb = new ProcessBuilder(command);
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("AWS_"));
    env.put("AWS_ACCESS_KEY_ID", "x");
    env.put("AWS_SECRET_ACCESS_KEY", "x");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_PAGER", "");
    env.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
    env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    try {
      Path out = Files.createTempFile("aws-cli", ".out");
      Path err = Files.createTempFile("aws-cli", ".err");
      try {
        Process process = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException("AWS CLI timed out: " + command);
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted running " + command, e);
    }
  }

  /** Runs and demands exit code 0. */
  public Result ok(String... args) {
    Result result = run(args);
    if (result.exitCode() != 0) {
      throw new AssertionError("aws " + String.join(" ", args) + " failed with " + result.exitCode() + ": "
          + result.stderr());
    }
    return result;
  }
}
