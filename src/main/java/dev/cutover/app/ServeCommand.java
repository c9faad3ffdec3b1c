package dev.cutover.app;

import dev.cutover.api.ApiServer;
import dev.cutover.api.JwtVerifier;
import dev.cutover.cli.CliExit;
import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.Terminal;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Plan;
import dev.cutover.drain.DrainEndpoint;
import dev.cutover.drain.HerokuDrains;
import dev.cutover.drain.HerokuMetrics;
import dev.cutover.engine.Fleet;
import dev.cutover.engine.Supervisor;
import dev.cutover.engine.Takeovers;
import dev.cutover.plan.PlanLoad;
import dev.cutover.plan.PlanLoader;
import dev.cutover.plan.PlanProblems;
import dev.cutover.port.Notifications;
import dev.cutover.port.PlanCatalog;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cutover serve}: one long-running controller for many cutovers, with the HTTP API. Plans come from
 * {@code POST /api/v1/cutovers}, a {@code --plans} directory, or the store (an unfinished cutover after a restart, or
 * one whose instance died). Every cutover shares one AWS budget and batched reads. On SIGTERM it stops every cutover
 * where its journal says, releases the leases and exits 0: a restart or another instance resumes them.
 */
@Command(name = "serve", description = "Run every cutover of an organisation in one service, with an authenticated"
    + " HTTP API under /api/v1 (see docs/api.md) and a dashboard at /. Stops cleanly on SIGTERM; cutovers resume on"
    + " restart.")
final class ServeCommand implements java.util.concurrent.Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServeCommand.class);

  @ParentCommand CutoverCli root;

  @picocli.CommandLine.Mixin dev.cutover.cli.NotifyOptions notify;

  @Option(names = "--plans", paramLabel = "DIR", description = "start (or resume) every plan file (*.yaml, *.yml)"
      + " in this directory; invalid ones are reported and skipped")
  Path plansDir;

  @Option(names = "--bind", defaultValue = ApiServer.Options.DEFAULT_HOST, paramLabel = "ADDRESS",
      description = "address to listen on (default: ${DEFAULT-VALUE}; the API can move production traffic, so"
          + " expose it on purpose, behind TLS)")
  String bind;

  @Option(names = "--port", defaultValue = "8080", description = "port (default: ${DEFAULT-VALUE}; 0 picks one)")
  int port;

  @Option(names = "--tls-cert", paramLabel = "PEM", description = "serve HTTPS with this certificate (chain)")
  Path tlsCert;

  @Option(names = "--tls-key", paramLabel = "PEM", description = "the private key of --tls-cert")
  Path tlsKey;

  @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "also accept JWTs of this issuer (with"
      + " --jwt-audience and --jwt-jwks)")
  String jwtIssuer;

  @Option(names = "--jwt-audience", paramLabel = "AUD", description = "the audience JWTs must name")
  String jwtAudience;

  @Option(names = "--jwt-jwks", paramLabel = "URL", description = "the identity provider's JWKS URL")
  URI jwtJwks;

  @Option(names = "--jwt-role-claim", defaultValue = JwtVerifier.Settings.DEFAULT_ROLE_CLAIM, paramLabel = "CLAIM",
      description = "the JWT claim holding viewer, operator or admin (default: ${DEFAULT-VALUE})")
  String jwtRoleClaim;

  @Option(names = "--route53-rate", defaultValue = "4", paramLabel = "N",
      description = "Route 53 requests per second for every cutover of this server together (default:"
          + " ${DEFAULT-VALUE}; the account allows about 5 for everything that calls it, Terraform included)")
  double route53Rate;

  @Option(names = "--takeover-every", defaultValue = "10s", paramLabel = "DURATION",
      converter = dev.cutover.cli.OptionValues.PositiveDuration.class,
      description = "how often to look in the store for unfinished cutovers nobody runs (default: ${DEFAULT-VALUE})")
  Duration takeoverEvery;

  @picocli.CommandLine.Mixin dev.cutover.cli.DrainOptions drains;

  @Override
  public Integer call() throws Exception {
    ApiServer.Options apiOptions = apiOptions();
    if (!(route53Rate > 0) || route53Rate > 1000) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--route53-rate must be a number of requests per second above 0,"
          + " like 4 (Route 53 allows about 5 per account), got " + route53Rate);
    }
    AppEnvironment env = ((AppEnvironment) root.environment()).withRoute53Rate(route53Rate);
    Supervisor.Wiring wiring = env.fleetWiring();
    Supervisor supervisor = new Supervisor(env.vertx(), env.scheduler(), wiring);
    PlanCatalog catalog = env.catalog();
    Fleet fleet = new Fleet(env.vertx(), supervisor, wiring).withCatalog(catalog);
    supervisor.listen((plan, e) -> log.info("{}: {}", plan, e.type()));
    Notifications notifications = notify.open(env, null, env.err());
    supervisor.listen((plan, e) -> supervisor.entry(plan).ifPresent(en -> notifications.publish(en.plan(), e)));
    AtomicReference<String> notReady = new AtomicReference<>("resuming the stored cutovers");
    Optional<HerokuDrains> heroku = drains.any() ? Optional.of(env.herokuDrains(drains)) : Optional.empty();
    if (heroku.isPresent()) {
      apiOptions = apiOptions.withMount(DrainEndpoint.PREFIX, new DrainEndpoint(heroku.get(), Clock.systemUTC()));
    }
    ApiServer api = Await.of(ApiServer.start(env.vertx(), fleet, env.tokens(),
        apiOptions.withReadiness(() -> Optional.ofNullable(notReady.get()))));
    String url = (tlsCert != null ? "https" : "http") + "://" + bind + ":" + api.port();
    env.out().println("cutover serve: API on " + url + "/api/v1 (docs/api.md), dashboard at " + url + "/; store "
        + env.storeName());
    heroku.ifPresent(h -> DrainWiring.printUrls(env.out(), h, url));
    Optional<HerokuMetrics> published = heroku.flatMap(h -> DrainWiring.publishing(env, h, drains));
    int started = startPlansDir(fleet, env);
    Takeovers takeovers = new Takeovers(supervisor, wiring, catalog, this::parse, env.scheduler(), takeoverEvery,
        "serve " + env.actor());
    List<String> resumed = Await.of(takeovers.start());
    notReady.set(null);
    env.out().println("ready: " + started + " plan(s) from " + (plansDir == null ? "no --plans dir" : plansDir)
        + ", " + resumed.size() + " resumed from the store" + (resumed.isEmpty() ? "" : " " + resumed));
    env.out().flush();
    Runnable stop = once(() -> {
      log.warn("stopping: every cutover stays where its journal says; a restart or another instance resumes it");
      takeovers.stop();
      try {
        if (published.isPresent()) {
          // the last minute's figures; a failure is logged by the publisher and must not stop the shutdown
          published.get().stop().toCompletionStage().toCompletableFuture().handle((v, e) -> v)
              .get(5, TimeUnit.SECONDS);
        }
        api.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        supervisor.haltAll("the server stopped").toCompletionStage().toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        dev.cutover.cli.NotifyOptions.close(notifications);
      } catch (Exception e) {
        log.warn("stopping did not finish cleanly: {}", e.toString());
      }
    });
    // any other way the JVM exits still stops the cutovers and releases their leases
    Runtime.getRuntime().addShutdownHook(new Thread(stop, "serve-shutdown"));
    CountDownLatch stopRequested = new CountDownLatch(1);
    onStopSignals(stopRequested::countDown);
    stopRequested.await();
    stop.run();
    return ExitCode.COMPLETED.code();
  }

  /**
   * SIGTERM (systemd, Kubernetes, {@code kill}) and SIGINT (Ctrl-C) ask for a clean stop, after which {@code serve}
   * exits 0: a service manager then sees a clean stop, not a failure. Left to the JVM (a shutdown hook stops the
   * server all the same, and the exit code is 128 + the signal) where signals cannot be handled ({@code -Xrs}).
   * {@code sun.misc.Signal} is in jdk.unsupported, which JEP 260 keeps open for this (see cli's Interrupts).
   */
  private static void onStopSignals(Runnable requested) {
    for (String name : List.of("TERM", "INT")) {
      try {
        sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> {
          log.warn("SIG{} received: stopping", signal.getName());
          requested.run();
        });
      } catch (IllegalArgumentException | UnsupportedOperationException notHandledHere) {
        // the shutdown hook stops the server
      }
    }
  }

  /** Runs {@code action} the first time only (the signal and the shutdown hook both stop the server). */
  private static Runnable once(Runnable action) {
    java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
    return () -> {
      if (done.compareAndSet(false, true)) {
        action.run();
      }
    };
  }

  private ApiServer.Options apiOptions() {
    if (port < 0 || port > 65535) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--port must be 0..65535, got " + port);
    }
    ApiServer.Options o = ApiServer.Options.defaults().withAddress(bind, port);
    if ((tlsCert == null) != (tlsKey == null)) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--tls-cert and --tls-key go together: give both PEM files, or"
          + " neither for plain HTTP");
    }
    if (tlsCert != null) {
      o = o.withTls(new ApiServer.Tls(tlsCert, tlsKey));
    }
    int jwt = (jwtIssuer == null ? 0 : 1) + (jwtAudience == null ? 0 : 1) + (jwtJwks == null ? 0 : 1);
    if (jwt != 0 && jwt != 3) {
      throw new CliExit(ExitCode.INVALID_INPUT, "JWTs need all of --jwt-issuer, --jwt-audience and --jwt-jwks");
    }
    if (jwt == 3) {
      o = o.withJwt(new JwtVerifier.Settings(jwtIssuer, jwtAudience, jwtJwks, jwtRoleClaim));
    }
    return o;
  }

  /**
   * Starts every valid plan file of --plans (keeping it in the catalog); reports and skips the others, and those
   * another live run holds.
   */
  private int startPlansDir(Fleet fleet, AppEnvironment env) throws Exception {
    if (plansDir == null) {
      return 0;
    }
    if (!Files.isDirectory(plansDir)) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--plans " + Terminal.safe(plansDir.toString())
          + " is not a directory of plan files");
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(plansDir)) {
      files = list.filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml")).sorted().toList();
    }
    int started = 0;
    for (Path f : files) {
      PlanLoad load = new PlanLoader().load(f);
      if (load.hasErrors()) {
        env.err().println("skipped " + Terminal.safe(f.toString()) + ":");
        Terminal.lines(PlanProblems.render(load.problems(), f.toString())).forEach(env.err()::println);
        continue;
      }
      try {
        // onlyIfFree: every instance may be given the same directory; a plan whose lease another run holds or wins
        // is left to it, never waited for here (if that run died, a takeover scan resumes it once its lease expires)
        Await.of(fleet.submit(load.plan().get(), Files.readString(f),
            new Supervisor.Start("serve --plans " + plansDir, false, false, true)));
        started++;
      } catch (RuntimeException refused) {
        env.err().println("skipped " + Terminal.safe(f.toString()) + ": " + Terminal.safe(refused.getMessage()));
      }
    }
    return started;
  }

  private Optional<Plan> parse(PlanCatalog.Stored stored) {
    PlanLoad load = new PlanLoader().parse(stored.yaml(), "stored plan " + stored.name());
    if (load.hasErrors()) {
      log.error("stored plan {} is no longer valid and is not resumed: {}", stored.name(),
          String.join("; ", PlanProblems.render(load.errors(), stored.name())));
    }
    return load.plan();
  }

  /** Blocking waits of the command's own thread (never an event loop). */
  static final class Await {
    private Await() {}

    static <T> T of(io.vertx.core.Future<T> f) throws Exception {
      try {
        return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
  }
}
