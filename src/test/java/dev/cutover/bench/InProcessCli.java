package dev.cutover.bench;

import dev.cutover.app.AppEnvironment;
import dev.cutover.cli.CutoverCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs one {@code cutover} command in this JVM as the real CLI does (own Vert.x, wall time), against an endpoint. */
final class InProcessCli {
  record Run(int exit, String out, String err) {}

  private InProcessCli() {}

  static Run run(URI endpoint, Path stateDir, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    List<String> all = new ArrayList<>(List.of("--state-dir", stateDir.toString(), "--route53-endpoint",
        endpoint.toString(), "--cloudwatch-endpoint", endpoint.toString(), "--by", "bench"));
    all.addAll(List.of(args));
    List<AppEnvironment> envs = new ArrayList<>();
    CutoverCli cli = new CutoverCli(opts -> {
      AppEnvironment env = new AppEnvironment(opts, o, e, 1.0).withSandboxCredentials();
      envs.add(env);
      return env;
    });
    var cl = CutoverCli.commandLine(cli);
    cl.setOut(new PrintWriter(o, true));
    cl.setErr(new PrintWriter(e, true));
    int code;
    try {
      code = cl.execute(all.toArray(String[]::new));
    } finally {
      envs.forEach(AppEnvironment::close);
    }
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
