package dev.cutover.app;

import dev.cutover.cli.CliExit;
import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.OptionValues;
import dev.cutover.cli.PlanInput;
import dev.cutover.cli.Terminal;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Plan;
import dev.cutover.sandbox.SandboxServer;
import dev.cutover.sandbox.SandboxSession;
import dev.cutover.sandbox.quota.RequestRate;
import dev.cutover.sandbox.Scenario;
import dev.cutover.sandbox.traffic.TrafficConfig;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cutover sandbox}: the embedded Route 53 + CloudWatch, standalone, for the AWS CLI and scripts. */
@Command(name = "sandbox", description = "Run the embedded Route 53 + CloudWatch on 127.0.0.1 until Ctrl-C,"
    + " for the AWS CLI, Terraform or your scripts. With --plan, also the plan's zone, records, alarms and"
    + " simulated traffic.")
final class SandboxCommand implements Callable<Integer> {
  @ParentCommand CutoverCli root;

  @Option(names = "--port", defaultValue = "4566", description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE};"
      + " 0 picks a free one)")
  int port;

  @Option(names = "--plan", paramLabel = "PLAN", description = "build the plan's world: zone, weighted records"
      + " at 100%% Heroku, its alarms, and traffic")
  Path planFile;

  @Option(names = "--scenario", defaultValue = "happy", paramLabel = "NAME|FILE",
      description = "faults to inject (with --plan; default: ${DEFAULT-VALUE})")
  String scenario;

  @Option(names = "--speed", defaultValue = "1", paramLabel = "N", converter = OptionValues.Speed.class,
      description = "time compression, 1 to 1000 (default: ${DEFAULT-VALUE}, real time)")
  double speed;

  @Option(names = "--route53-rate", paramLabel = "N|off", description = "Route 53 API requests per second before"
      + " it answers Throttling, bursts of N; `off` never throttles (default: 20 per second, bursts of 50)")
  String route53Rate;

  @Option(names = "--cloudwatch-rate", paramLabel = "N|off", description = "CloudWatch API requests per second"
      + " (all operations together) before it answers Throttling, bursts of N; `off` never throttles (default: 20"
      + " per second, bursts of 50)")
  String cloudWatchRate;

  @Option(names = "--drain", paramLabel = "URL", description = "with --plan: also send Heroku's router lines to"
      + " this HTTPS log drain URL, as Heroku does (one batch per second; the URL's user:password is sent as basic"
      + " authentication), e.g. http://cutover:SECRET@127.0.0.1:8080/drains/heroku/APP")
  URI drain;

  @Override
  public Integer call() throws Exception {
    if (drain != null && planFile == null) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--drain needs --plan: router lines come from the plan's simulated"
          + " traffic");
    }
    TrafficConfig trafficConfig;
    try {
      trafficConfig = TrafficConfig.defaults().withDrain(drain);
    } catch (IllegalArgumentException e) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--drain: " + e.getMessage());
    }
    if (port < 0 || port > 65535) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--port must be 0..65535, got " + port);
    }
    SandboxServer.Options defaults = SandboxServer.Options.defaults();
    SandboxServer.Options options = defaults.withPort(port).withRates(
        rate("--route53-rate", route53Rate, defaults.route53Rate()),
        rate("--cloudwatch-rate", cloudWatchRate, defaults.cloudWatchRate()));
    Plan plan = planFile == null ? null : PlanInput.load(planFile, System.err);
    Vertx vertx = Vertx.vertx();
    VertxScheduler scheduler = VertxScheduler.scaled(vertx, speed);
    URI endpoint;
    Runnable close;
    try {
      if (plan != null) {
        SandboxSession s = SandboxSession.start(vertx, scheduler, plan, Scenarios.load(scenario), options,
            trafficConfig).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        endpoint = s.endpoint();
        close = () -> s.close();
        System.out.println("world of plan " + plan.name() + ": zone " + plan.zone() + " (" + s.world().zoneName()
            + "), " + plan.records().size() + " weighted pair(s) at 100% Heroku, alarms "
            + Terminal.list(plan.gates().alarms()) + "; traffic running"
            + (drain == null ? "" : "; Heroku router lines to the drain at " + drain.getHost() + ":"
                + drain.getPort() + drain.getPath()));
      } else {
        SandboxServer s = SandboxServer.start(vertx, scheduler, options).toCompletionStage()
            .toCompletableFuture().get(30, TimeUnit.SECONDS);
        endpoint = s.endpoint();
        close = () -> s.close();
      }
    } catch (java.util.concurrent.ExecutionException e) {
      vertx.close();
      throw new CliExit(ExitCode.INVALID_INPUT, "the sandbox could not start on 127.0.0.1:" + port + ": "
          + e.getCause().getMessage() + " (is the port in use? pick another with --port)");
    }
    System.out.println("cutover sandbox: Route 53 and CloudWatch on " + endpoint + " (time ×" + speed + ")");
    System.out.println("API request quotas: Route 53 " + options.route53Rate().describe() + ", CloudWatch "
        + options.cloudWatchRate().describe() + " (--route53-rate, --cloudwatch-rate)");
    System.out.println("export AWS_ENDPOINT_URL_ROUTE_53=" + endpoint);
    System.out.println("export AWS_ENDPOINT_URL_CLOUDWATCH=" + endpoint);
    System.out.println("export AWS_ACCESS_KEY_ID=sandbox AWS_SECRET_ACCESS_KEY=sandbox AWS_REGION=us-east-1"
        + " AWS_DEFAULT_REGION=us-east-1");
    System.out.println("(signatures are not checked; Ctrl-C stops it)");
    System.out.flush();
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      close.run();
      stop.countDown();
    }));
    stop.await();
    return 0;
  }

  /** {@code off}, or a positive number of requests per second; anything else is exit 2 naming the option. */
  static RequestRate rate(String option, String value, RequestRate fallback) {
    if (value == null) {
      return fallback;
    }
    String v = value.strip();
    if (v.equalsIgnoreCase("off")) {
      return RequestRate.UNLIMITED;
    }
    try {
      return RequestRate.perSecond(Double.parseDouble(v));
    } catch (IllegalArgumentException e) { // NumberFormatException too
      throw new CliExit(ExitCode.INVALID_INPUT, option + " must be a positive number of requests per second (for"
          + " example " + option + " 5) or `off` for no throttling, got '" + value + "'");
    }
  }
}
