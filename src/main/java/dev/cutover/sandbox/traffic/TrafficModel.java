package dev.cutover.sandbox.traffic;

import dev.cutover.port.Scheduler;
import dev.cutover.sandbox.cloudwatch.CloudWatchModel;
import dev.cutover.sandbox.route53.WeightedAnswer;
import dev.cutover.sandbox.traffic.Backend.Side;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Simulated users of the site, in scheduler time. Every simulated second ({@link #tick()}) the clients send
 * {@code requestsPerSecond} requests in total; each request goes to the backend its client's cached DNS answer
 * points at. An expired answer is resolved again through the sandbox Route 53 ({@link DnsLookup}), a weighted
 * random choice per query as Route 53 makes it, and kept for the record's TTL plus a per-client extra (browsers
 * and runtimes keep answers longer than the TTL). Each backend's requests, 5xx and response times are published
 * into the sandbox CloudWatch as an ALB would ({@link Metrics}), so alarms trip from traffic, not from a flag.
 *
 * <p>Cost: aggregated per tick, no object per request; one resolve per expired client; one CloudWatch call per
 * metric per tick. Thread-safety: {@link #tick()} and {@link #snapshot()} synchronize on this object; the
 * backends' fault overlays are volatile and may be switched from any thread.
 */
public final class TrafficModel {
  private static final int HEROKU = 0;
  private static final int AWS = 1;
  private static final int NONE = -1;
  /** A name that does not resolve is asked again after this long (negative caching). */
  private static final long NEGATIVE_CACHE_MS = 5_000;
  /** A late timer never makes up more than this much traffic at once. */
  private static final double MAX_CATCH_UP_SECONDS = 10;

  private final TrafficConfig config;
  private final DnsLookup dns;
  private final CloudWatchModel cloudWatch;
  private final Clock clock;
  private final List<Route> routes;
  private final Metrics[] metrics;
  private final Backend[] backends;
  private final SplittableRandom random;
  private final int[] clientBackend;
  private final long[] clientExpiresMs;
  private final StatsWindow window;
  private final double[][] latencies = new double[2][];
  private final boolean[][] failures = new boolean[2][];
  private final int[] requests = new int[2];
  private final int[] errors = new int[2];
  private long lastTickMs = Long.MIN_VALUE;
  private double carry;
  private Long timer;
  private Scheduler scheduler;
  private RouterLog routerLog;

  /**
   * Hears about every Heroku request of each tick, as Heroku's router logs them (the sandbox's drain forwarder).
   * Called on the ticking thread with arrays that the next tick reuses: copy what is kept.
   */
  @FunctionalInterface
  public interface RouterLog {
    /**
     * @param now the tick's time
     * @param count how many requests Heroku served since the previous tick
     * @param latencySeconds each request's response time (the first {@code count} entries)
     * @param failed whether each request was answered with a 5xx
     */
    void served(Instant now, int count, double[] latencySeconds, boolean[] failed);
  }

  /** What clients ask DNS; the sandbox Route 53 model's {@code resolve} in production, a stub in tests. */
  @FunctionalInterface
  public interface DnsLookup {
    Optional<WeightedAnswer> resolve(String name, String type);
  }

  /**
   * @param routes the names clients use; client i uses route i mod n
   * @param herokuMetrics where Heroku's numbers go
   * @param awsMetrics where the ALB's numbers go
   */
  public TrafficModel(TrafficConfig config, DnsLookup dns, CloudWatchModel cloudWatch, Clock clock,
      List<Route> routes, Metrics herokuMetrics, Metrics awsMetrics) {
    this.config = Objects.requireNonNull(config, "config");
    this.dns = Objects.requireNonNull(dns, "dns");
    this.cloudWatch = Objects.requireNonNull(cloudWatch, "cloudWatch");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.routes = List.copyOf(routes);
    if (this.routes.isEmpty()) {
      throw new IllegalArgumentException("traffic needs at least one route (a name clients resolve)");
    }
    this.metrics = new Metrics[] {Objects.requireNonNull(herokuMetrics), Objects.requireNonNull(awsMetrics)};
    this.backends = new Backend[] {new Backend(Side.HEROKU, config.heroku()), new Backend(Side.AWS, config.aws())};
    this.random = new SplittableRandom(config.seed());
    this.clientBackend = new int[config.clients()];
    this.clientExpiresMs = new long[config.clients()];
    Arrays.fill(clientBackend, NONE);
    Arrays.fill(clientExpiresMs, Long.MIN_VALUE);
    this.window = new StatsWindow((int) config.statsWindow().getSeconds());
    int initial = (int) Math.ceil(config.requestsPerSecond() * 2) + 16;
    latencies[HEROKU] = new double[initial];
    latencies[AWS] = new double[initial];
    failures[HEROKU] = new boolean[initial];
    failures[AWS] = new boolean[initial];
  }

  /** Tells {@code log} about Heroku's requests from the next tick on (null: nobody). */
  public synchronized void routerLog(RouterLog log) {
    this.routerLog = log;
  }

  public Backend heroku() {
    return backends[HEROKU];
  }

  public Backend aws() {
    return backends[AWS];
  }

  public Backend backend(Side side) {
    return side == Side.AWS ? aws() : heroku();
  }

  public TrafficConfig config() {
    return config;
  }

  /** Ticks every simulated second on {@code scheduler} until {@link #stop()}. */
  public synchronized void start(Scheduler scheduler) {
    if (timer != null) {
      throw new IllegalStateException("traffic is already running");
    }
    this.scheduler = scheduler;
    this.timer = scheduler.periodic(Duration.ofSeconds(1), this::tick);
  }

  public synchronized void stop() {
    if (timer != null) {
      scheduler.cancel(timer);
      timer = null;
    }
  }

  /**
   * Simulates the traffic since the previous tick (one second on the first tick; at most ten seconds when a timer
   * was late) and publishes its metrics at the current time.
   */
  public synchronized void tick() {
    Instant now = clock.instant();
    long nowMs = now.toEpochMilli();
    double elapsed = lastTickMs == Long.MIN_VALUE ? 1.0 : (nowMs - lastTickMs) / 1000.0;
    lastTickMs = nowMs;
    carry += config.requestsPerSecond() * Math.max(0, Math.min(MAX_CATCH_UP_SECONDS, elapsed));
    int n = (int) carry;
    carry -= n;
    long second = Math.floorDiv(nowMs, 1000);
    window.touch(second);
    Backend.Sampler[] samplers = {backends[HEROKU].sampler(), backends[AWS].sampler()};
    Choice[] answers = new Choice[routes.size()];
    requests[HEROKU] = requests[AWS] = 0;
    errors[HEROKU] = errors[AWS] = 0;
    for (int k = 0; k < n; k++) {
      int c = random.nextInt(clientBackend.length);
      if (nowMs >= clientExpiresMs[c]) {
        refresh(c, nowMs, answers);
      }
      int b = clientBackend[c];
      if (b == NONE) {
        continue;
      }
      boolean failed = samplers[b].fails(random);
      double latency = samplers[b].latencySeconds(random);
      if (requests[b] == latencies[b].length) {
        latencies[b] = Arrays.copyOf(latencies[b], latencies[b].length * 2);
        failures[b] = Arrays.copyOf(failures[b], failures[b].length * 2);
      }
      failures[b][requests[b]] = failed;
      latencies[b][requests[b]++] = latency;
      if (failed) {
        errors[b]++;
      }
      window.record(second, b, failed, latency);
    }
    publish(now, HEROKU);
    publish(now, AWS);
    if (routerLog != null && requests[HEROKU] > 0) {
      routerLog.served(now, requests[HEROKU], latencies[HEROKU], failures[HEROKU]);
    }
  }

  /** Like an ALB: nothing at all without requests, and no 5xx datapoint when there was no 5xx. */
  private void publish(Instant now, int b) {
    if (requests[b] == 0) {
      return;
    }
    Metrics m = metrics[b];
    cloudWatch.publish(m.namespace(), Metrics.REQUEST_COUNT, m.dimensions(), now, requests[b]);
    if (errors[b] > 0) {
      cloudWatch.publish(m.namespace(), Metrics.TARGET_5XX, m.dimensions(), now, errors[b]);
    }
    cloudWatch.publish(m.namespace(), Metrics.RESPONSE_TIME, m.dimensions(), now,
        Arrays.copyOf(latencies[b], requests[b]));
  }

  /** Resolves client {@code c}'s route (once per route and tick) and caches a weighted choice. */
  private void refresh(int c, long nowMs, Choice[] answers) {
    int r = c % routes.size();
    if (answers[r] == null) {
      answers[r] = Choice.of(routes.get(r), dns.resolve(routes.get(r).name(), routes.get(r).type()));
    }
    Choice choice = answers[r];
    boolean firstTime = clientExpiresMs[c] == Long.MIN_VALUE;
    clientBackend[c] = choice.pick(random);
    if (clientBackend[c] == NONE) {
      clientExpiresMs[c] = nowMs + NEGATIVE_CACHE_MS;
      return;
    }
    long extraMin = config.extraCacheMin().toMillis();
    long extraMax = config.extraCacheMax().toMillis();
    long keep = choice.ttlMs() + extraMin + (extraMax > extraMin ? random.nextLong(extraMax - extraMin + 1) : 0);
    // At start every client is somewhere in its cache period already, so they do not all expire at once.
    clientExpiresMs[c] = nowMs + (firstTime ? random.nextLong(keep + 1) : keep);
  }

  /** The traffic of the last window and where clients' caches point now. */
  public synchronized TrafficStats snapshot() {
    Instant now = clock.instant();
    long second = Math.floorDiv(now.toEpochMilli(), 1000);
    TrafficStats.BackendStats h = window.stats(second, HEROKU);
    TrafficStats.BackendStats a = window.stats(second, AWS);
    long total = h.requests() + a.requests();
    int onAws = 0;
    int resolved = 0;
    for (int b : clientBackend) {
      if (b != NONE) {
        resolved++;
        onAws += b == AWS ? 1 : 0;
      }
    }
    return new TrafficStats(now, config.statsWindow(), total == 0 ? Double.NaN : (double) a.requests() / total,
        resolved == 0 ? 0 : (double) onAws / resolved, h, a);
  }

  /** One route's answer prepared for weighted random choices. */
  private record Choice(long[] cumulative, int[] backends, long ttlMs) {
    static Choice of(Route route, Optional<WeightedAnswer> answer) {
      if (answer.isEmpty() || answer.get().candidates().isEmpty()) {
        return new Choice(new long[0], new int[0], 0);
      }
      List<WeightedAnswer.Candidate> cs = answer.get().candidates();
      long total = cs.stream().mapToLong(WeightedAnswer.Candidate::weight).sum();
      long[] cumulative = new long[cs.size()];
      int[] backends = new int[cs.size()];
      long sum = 0;
      for (int i = 0; i < cs.size(); i++) {
        sum += total == 0 ? 1 : cs.get(i).weight(); // all weights 0: Route 53 answers with equal shares
        cumulative[i] = sum;
        backends[i] = bare(value(cs.get(i))).equals(bare(route.awsValue())) ? AWS : HEROKU;
      }
      Long ttl = answer.get().ttl();
      return new Choice(cumulative, backends, (ttl == null ? 60 : ttl) * 1000);
    }

    int pick(SplittableRandom random) {
      if (cumulative.length == 0) {
        return NONE;
      }
      long x = random.nextLong(cumulative[cumulative.length - 1]);
      for (int i = 0; i < cumulative.length; i++) {
        if (x < cumulative[i]) {
          return backends[i];
        }
      }
      return backends[backends.length - 1];
    }

    private static String value(WeightedAnswer.Candidate c) {
      if (!c.values().isEmpty()) {
        return c.values().get(0);
      }
      return c.aliasTarget() == null ? "" : c.aliasTarget().dnsName();
    }

    private static String bare(String name) {
      String n = name.trim().toLowerCase(Locale.ROOT);
      return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
    }
  }
}
