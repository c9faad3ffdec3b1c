package dev.cutover.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.cutover.testkit.SandboxProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real {@code cutover serve} process ({@code java -jar target/cutover.jar serve}, or the test classpath before
 * packaging) on the shared table, in wall time, with the sandbox's Route 53 and CloudWatch; its console output in
 * {@code <dir>/<name>/console.log} (its JSON log beside it), its API on a port it picks, reached with a token.
 */
final class ServeProcess implements AutoCloseable {
  private static final Pattern API = Pattern.compile("API on http://127\\.0\\.0\\.1:(\\d+)/api/v1");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  final String name;
  final Process process;
  final Path log;
  private int port = -1;

  private ServeProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code cutover serve --port 0 ARGS} named {@code name} (its {@code --by}) on {@code table}: plans found in
   * the store are looked for every {@code takeoverEvery}; leases last {@code lease}. Does not wait for it.
   */
  static ServeProcess start(String name, Path dir, SandboxFixture sandbox, SharedTable table, Duration lease,
      Duration takeoverEvery, String... args) throws IOException {
    Path home = Files.createDirectories(dir.resolve(name));
    Path log = home.resolve("console.log");
    List<String> cmd = CutoverProcess.java(log);
    cmd.addAll(List.of("serve", "--port", "0", "--takeover-every", takeoverEvery.toSeconds() + "s"));
    cmd.addAll(List.of(args));
    cmd.addAll(table.storeArgs(lease));
    cmd.addAll(List.of("--state-dir", home.resolve("state").toString(), "--route53-endpoint",
        sandbox.endpoint.toString(), "--cloudwatch-endpoint", sandbox.endpoint.toString(), "--by", name));
    ProcessBuilder pb = SandboxProcess.builder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(table.env());
    return new ServeProcess(name, pb.start(), log);
  }

  /** Waits until it says it is ready (its API listening, the stored plans looked at); at most {@code timeout}. */
  ServeProcess awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String out = Files.readString(log);
      Matcher m = API.matcher(out);
      if (m.find() && out.contains("\nready: ")) {
        port = Integer.parseInt(m.group(1));
        return this;
      }
      if (!process.isAlive()) {
        throw new AssertionError(name + " exited " + process.exitValue() + " before it was ready:\n" + tail());
      }
      Thread.sleep(50);
    }
    throw new AssertionError(name + " not ready within " + timeout + ":\n" + tail());
  }

  long pid() {
    return process.pid();
  }

  /** {@code kill -9}: the process dies at once, renewing and releasing nothing. */
  void kill() throws InterruptedException {
    process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
  }

  /** {@code kill} (SIGTERM): a clean stop. */
  void terminate() {
    process.destroy();
  }

  int exit(Duration timeout) throws InterruptedException {
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError(name + " still running after " + timeout + ":\n" + tail());
    }
    return process.exitValue();
  }

  /** POST /api/v1/cutovers with the plan's YAML; returns the status code (201 when it started here). */
  HttpResponse<String> submit(String token, String yaml) throws Exception {
    return HTTP.send(request(token, "/cutovers").header("Content-Type", "application/yaml")
        .POST(HttpRequest.BodyPublishers.ofString(yaml)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET /api/v1/cutovers: every cutover this instance runs or ran. */
  List<JsonNode> cutovers(String token) throws Exception {
    HttpResponse<String> r = HTTP.send(request(token, "/cutovers").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new AssertionError(name + ": GET /cutovers answered " + r.statusCode() + " " + r.body());
    }
    List<JsonNode> all = new ArrayList<>();
    JSON.readTree(r.body()).get("cutovers").forEach(all::add);
    return all;
  }

  /** The plans this instance runs now (listed and not ended). */
  Set<String> running(String token) throws Exception {
    Set<String> names = new TreeSet<>();
    for (JsonNode c : cutovers(token)) {
      if (c.path("exitCode").isNull() || c.path("exitCode").isMissingNode()) {
        names.add(c.get("plan").asText());
      }
    }
    return names;
  }

  private HttpRequest.Builder request(String token, String path) {
    if (port < 0) {
      throw new IllegalStateException(name + " is not ready: call awaitReady first");
    }
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token);
  }

  String tail() {
    try {
      List<String> lines = Files.readAllLines(log);
      return "--- " + name + " (pid " + process.pid() + ")\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(no log of " + name + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
  }
}
