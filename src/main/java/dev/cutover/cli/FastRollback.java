package dev.cutover.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code cutover rollback} without picocli, whose model of every command costs a responder 0.15–0.25 s at each
 * start (its classes are too old for the class-data-sharing archive, docs/benchmarks.md). It runs the same
 * {@link RollbackCommand#rollback} with the same {@link CutoverCli.Options} and the same {@link Failures}. It accepts
 * only the plain form of the command line: {@code rollback}, one PLAN, {@code --no-wait}, and the global options
 * with a value ({@code --opt VALUE} or {@code --opt=VALUE}, each at most once) or {@code --debug}. Anything else
 * (help, an unknown or repeated option, an {@code @file}, {@code --}, a value that looks like an option, a bad
 * URL) is left to picocli, which parses it, or explains what is wrong, as for every other command.
 */
public final class FastRollback {
  private static final Set<String> VALUED = Set.of("--state-dir", "--route53-endpoint", "--cloudwatch-endpoint",
      "--by", "--store");

  /** The command line, as picocli would parse it. */
  record Parsed(CutoverCli.Options options, Path plan, boolean noWait) {}

  private FastRollback() {}

  /**
   * Runs {@code rollback} when {@code args} are in the plain form, and returns its exit code; empty when picocli
   * must parse them.
   */
  public static OptionalInt run(String[] args, Function<CutoverCli.Options, Environment> factory, PrintStream out,
      PrintStream err) {
    Optional<Parsed> parsed = parse(args);
    if (parsed.isEmpty()) {
      return OptionalInt.empty();
    }
    Parsed p = parsed.get();
    PrintWriter o = new PrintWriter(out, true);
    PrintWriter e = new PrintWriter(err, true);
    try {
      return OptionalInt.of(RollbackCommand.rollback(factory.apply(p.options()), p.plan(), p.noWait()));
    } catch (Exception x) {
      return OptionalInt.of(Failures.report(x, o, e, p.options().debug()));
    } finally {
      o.flush();
      e.flush();
    }
  }

  /** The plain form of {@code rollback}, or empty for anything picocli must see. */
  static Optional<Parsed> parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    boolean debug = false;
    boolean command = false;
    boolean noWait = false;
    String plan = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
      if (VALUED.contains(name)) {
        String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : i + 1 < args.length ? args[++i] : null;
        if (value == null || value.isEmpty() || value.startsWith("-") || value.startsWith("@")
            || values.put(name, value) != null) {
          return Optional.empty();
        }
      } else if (a.equals("--debug") && !debug) {
        debug = true;
      } else if (a.equals("--no-wait") && command && !noWait) {
        noWait = true;
      } else if (a.equals("rollback") && !command) {
        command = true;
      } else if (command && plan == null && !a.isEmpty() && !a.startsWith("-") && !a.startsWith("@")) {
        plan = a;
      } else {
        return Optional.empty();
      }
    }
    if (!command || plan == null) {
      return Optional.empty();
    }
    try {
      CutoverCli.Options options = new CutoverCli.Options(path(values.get("--state-dir")),
          uri(values.get("--route53-endpoint")), uri(values.get("--cloudwatch-endpoint")), values.get("--by"),
          debug, values.get("--store"), 1.0);
      return Optional.of(new Parsed(options, Path.of(plan), noWait));
    } catch (URISyntaxException | InvalidPathException e) {
      return Optional.empty();
    }
  }

  private static Path path(String value) {
    return value == null ? null : Path.of(value);
  }

  private static URI uri(String value) throws URISyntaxException {
    return value == null ? null : new URI(value);
  }
}
