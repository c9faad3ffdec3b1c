package dev.cutover.app;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test kit: {@code java -jar target/cutover.jar sandbox --port 0 ARGS} as a child process, started until it prints
 * the endpoint; {@link #close()} stops it.
 */
final class SandboxProcess implements AutoCloseable {
  private final Process process;
  private final String endpoint;
  private final List<String> startup;

  private SandboxProcess(Process process, String endpoint, List<String> startup) {
    this.process = process;
    this.endpoint = endpoint;
    this.startup = startup;
  }

  static SandboxProcess start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-jar", "target/cutover.jar", "sandbox", "--port", "0"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    List<String> seen = new ArrayList<>();
    String endpoint = null;
    for (String line = lines.readLine(); line != null && endpoint == null; line = lines.readLine()) {
      seen.add(line);
      if (line.startsWith("export AWS_ENDPOINT_URL_ROUTE_53=")) {
        endpoint = line.substring(line.indexOf('=') + 1);
      }
    }
    if (endpoint == null) {
      process.destroy();
      throw new IllegalStateException("cutover sandbox printed no endpoint:\n" + String.join("\n", seen));
    }
    return new SandboxProcess(process, endpoint, List.copyOf(seen));
  }

  /** {@code http://127.0.0.1:PORT}. */
  String endpoint() {
    return endpoint;
  }

  /** The lines printed up to and including the endpoint. */
  List<String> startup() {
    return startup;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
