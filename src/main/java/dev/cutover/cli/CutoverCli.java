package dev.cutover.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.function.Function;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code cutover} command line: global options and the plan commands. */
@Command(name = "cutover", mixinStandardHelpOptions = true, version = "cutover 0.1.0",
    description = "Moves a live service from Heroku to AWS by stepping Route 53 weighted records, watching"
        + " CloudWatch alarms while each step bakes, and putting all traffic back on Heroku when one trips.",
    subcommands = {ValidateCommand.class, PlanCommand.class, RunCommand.class, StatusCommand.class,
        RollbackCommand.class, OperatorCommands.Pause.class, OperatorCommands.Resume.class,
        OperatorCommands.Promote.class, OperatorCommands.Abort.class, HistoryCommand.class,
        HelpCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:completed (or the command did what it says)",
        "1:internal error",
        "2:invalid input (plan or command line)",
        "3:preflight failed (or AWS or the state store unusable), nothing changed",
        "4:rolled back by a gate",
        "5:stopped by an operator (rollback/abort)",
        "6:conflict or drift (or another run holds the plan)",
        "7:AWS kept failing past the retry deadline; reverted",
        "8:run --until baked: every step baked, the soak goes on unwatched",
        "130:interrupted (Ctrl-C, SIGINT): traffic stays where the journal says",
        "143:terminated (SIGTERM): traffic stays where the journal says"})
public final class CutoverCli {
  /** How long a shared store's lease lasts unless renewed, unless {@code --lease} says otherwise. */
  public static final java.time.Duration DEFAULT_LEASE = java.time.Duration.ofSeconds(30);

  /** The name of the subcommand that prints a bash/zsh completion script. */
  public static final String COMPLETION = "completion";

  /** Global options, given to the environment factory. */
  public record Options(Path stateDir, URI route53Endpoint, URI cloudWatchEndpoint, String by, boolean debug,
      String store, double timeSpeed, java.time.Duration lease) {

    /** Options with the default lease. */
    public Options(Path stateDir, URI route53Endpoint, URI cloudWatchEndpoint, String by, boolean debug, String store,
        double timeSpeed) {
      this(stateDir, route53Endpoint, cloudWatchEndpoint, by, debug, store, timeSpeed, DEFAULT_LEASE);
    }
  }

  @Option(names = "--state-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "where journals, locks and commands live (default $CUTOVER_STATE_DIR or .cutover)")
  Path stateDir;

  @Option(names = "--route53-endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
      converter = OptionValues.Endpoint.class,
      description = "Route 53 endpoint override (default: $AWS_ENDPOINT_URL_ROUTE_53, else AWS)")
  URI route53Endpoint;

  @Option(names = "--cloudwatch-endpoint", scope = ScopeType.INHERIT, paramLabel = "URL",
      converter = OptionValues.Endpoint.class,
      description = "CloudWatch endpoint override (default: $AWS_ENDPOINT_URL_CLOUDWATCH, else AWS)")
  URI cloudWatchEndpoint;

  @Option(names = "--by", scope = ScopeType.INHERIT, paramLabel = "NAME",
      description = "who is acting, recorded in the journal (default $CUTOVER_BY or $USER@host)")
  String by;

  @Option(names = "--debug", scope = ScopeType.INHERIT, description = "print stack traces of internal errors")
  boolean debug;

  @Option(names = "--store", scope = ScopeType.INHERIT, paramLabel = "STORE",
      description = "where the journal, lease and operator commands live: local (default, the state dir) or"
          + " dynamodb[:TABLE] (shared, so a run can resume on another machine; default table cutover-journal;"
          + " default $CUTOVER_STORE)")
  String store;

  @Option(names = "--time-speed", scope = ScopeType.INHERIT, hidden = true, defaultValue = "1",
      converter = OptionValues.Speed.class, paramLabel = "N",
      description = "run scheduler time this many times faster than the wall (rehearsals and tests only)")
  double timeSpeed;

  @Option(names = "--lease", scope = ScopeType.INHERIT, paramLabel = "DURATION", defaultValue = "30s",
      converter = OptionValues.PositiveDuration.class,
      description = "with --store dynamodb: how long a run's lease lasts unless renewed (every third of it); a run"
          + " or server whose holder died takes over once it expires (default: ${DEFAULT-VALUE}, at least 3s)")
  java.time.Duration lease;

  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "a `cutover serve` to talk to instead of AWS (status, history, pause, resume, promote, abort,"
          + " rollback; default $CUTOVER_SERVER); the token comes from $CUTOVER_TOKEN. `rollback` without it goes"
          + " straight to Route 53")
  URI server;

  private final Function<Options, Environment> factory;
  private Environment env;

  public CutoverCli(Function<Options, Environment> factory) {
    this.factory = factory;
  }

  /** The global options as given (for commands added by the composition root). */
  public Options options() {
    return new Options(stateDir, route53Endpoint, cloudWatchEndpoint, by, debug, store, timeSpeed, lease);
  }

  /** The server to talk to ({@code --server} or {@code $CUTOVER_SERVER}), or null to act directly. */
  ServerClient server() {
    return ServerClient.from(server);
  }

  /** The environment of this command line (made on first use), for commands added by the composition root. */
  public Environment environment() {
    return env();
  }

  Environment env() {
    if (env == null) {
      env = factory.apply(options());
    }
    return env;
  }

  /** A configured command line: exit codes for bad input and errors, no stack traces unless --debug. */
  public static CommandLine commandLine(CutoverCli cli, Object... extraSubcommands) {
    CommandLine cl = new CommandLine(cli);
    for (Object sub : extraSubcommands) {
      cl.addSubcommand(sub);
    }
    CommandLine completion = new CommandLine(new AutoComplete.GenerateCompletion());
    completion.getCommandSpec().name(COMPLETION).usageMessage().hidden(false).description(
        "Print a bash/zsh completion script for cutover. Load it with: source <(cutover completion)");
    cl.addSubcommand(COMPLETION, completion);
    standardHelpOnEverySubcommand(cl);
    Failures failures = new Failures(() -> cli.debug);
    cl.setParameterExceptionHandler(failures);
    cl.setExecutionExceptionHandler(failures);
    return cl;
  }

  /** {@code -h/--help} and {@code -V/--version} on every subcommand: help never asks for a missing PLAN. */
  private static void standardHelpOnEverySubcommand(CommandLine cl) {
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().mixinStandardHelpOptions()) {
        continue;
      }
      sub.getCommandSpec().mixinStandardHelpOptions(true);
      standardHelpOnEverySubcommand(sub);
    }
  }
}
