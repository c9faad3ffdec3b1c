package dev.cutover.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Test kit: a child process with the sandbox's credentials and region, both output streams to {@code log}. */
public final class SandboxProcess {
  private SandboxProcess() {}

  public static Process start(List<String> cmd, Path log) throws IOException {
    return builder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * A process builder with the sandbox's credentials and region, and none of the caller's own AWS endpoint or
   * cutover settings (they must not leak into what a test means).
   */
  public static ProcessBuilder builder(List<String> cmd) {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().keySet().removeIf(k -> k.startsWith("AWS_ENDPOINT_URL") || k.startsWith("CUTOVER_")
        || k.equals("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"));
    pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.environment().put("AWS_DEFAULT_REGION", "us-east-1"); // the AWS CLI v1 reads only this one
    return pb;
  }
}
