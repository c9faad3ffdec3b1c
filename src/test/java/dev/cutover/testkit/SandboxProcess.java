package dev.cutover.testkit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Test kit: a child process with the sandbox's credentials and region, both output streams to {@code log}. */
public final class SandboxProcess {
  private SandboxProcess() {}

  public static Process start(List<String> cmd, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("AWS_ACCESS_KEY_ID", "sandbox");
    pb.environment().put("AWS_SECRET_ACCESS_KEY", "sandbox");
    pb.environment().put("AWS_REGION", "us-east-1");
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }
}
