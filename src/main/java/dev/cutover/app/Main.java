package dev.cutover.app;

import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.Environment;
import dev.cutover.cli.FastRollback;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/** {@code cutover}: the command line against real AWS (or endpoints that speak its protocols). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command and returns its exit code (tests call this in-process). */
  public static int run(String... args) {
    Logs.configure(args);
    List<AppEnvironment> envs = new ArrayList<>();
    Function<CutoverCli.Options, Environment> env = o -> {
      AppEnvironment e = new AppEnvironment(o, System.out, System.err, o.timeSpeed());
      envs.add(e);
      return e;
    };
    try {
      // an incident responder's `rollback` skips picocli's start-up (docs/benchmarks.md); anything unusual goes on
      OptionalInt fast = FastRollback.run(args, env, System.out, System.err);
      if (fast.isPresent()) {
        return fast.getAsInt();
      }
      CutoverCli cli = new CutoverCli(env);
      return CutoverCli.commandLine(cli, new DemoCommand(), new SandboxCommand(), new RehearseCommand())
          .execute(args);
    } finally {
      // stopped event loops let the JVM exit at once (AppEnvironment#close)
      envs.forEach(AppEnvironment::close);
    }
  }
}
