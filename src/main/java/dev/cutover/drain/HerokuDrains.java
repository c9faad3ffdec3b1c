package dev.cutover.drain;

import dev.cutover.port.HerokuTraffic;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Heroku apps whose HTTPS log drains this process receives, and their router figures: {@link HerokuTraffic}
 * for the gates, fed by {@link DrainEndpoint}. Each app has its own secret, per-minute figures, counters, and the
 * recent {@code Logplex-Frame-Id}s, so that a batch Logplex sends again (it retries after a 5xx or a lost
 * connection: Logplex's doc/README.http_drains.md, "HTTP Headers") is counted once. Thread-safe.
 */
public final class HerokuDrains implements HerokuTraffic {
  private static final Logger log = LoggerFactory.getLogger(HerokuDrains.class);
  /** Frame ids remembered per app: retries come within seconds, a few hundred batches ago at most. */
  static final int RECENT_FRAME_IDS = 2048;

  /**
   * @param retention how long per-minute figures are kept (the longest window a gate may read)
   * @param maxBodyBytes the largest body accepted; a larger one gets 413 (Logplex batches are a few KiB)
   */
  public record Settings(Duration retention, int maxBodyBytes) {
    public static final Settings DEFAULTS = new Settings(Duration.ofHours(3), 1024 * 1024);

    public Settings {
      Objects.requireNonNull(retention, "retention");
      if (maxBodyBytes < 1024) {
        throw new IllegalArgumentException("maxBodyBytes must be at least 1024, got " + maxBodyBytes);
      }
    }
  }

  /** What one delivery did. */
  public record Accepted(int requests, int other, int malformedFrames, int malformedLines, int outsideWindow,
      boolean duplicate) {}

  private static final class App {
    final DrainSecret secret;
    final AppMinutes minutes;
    final DrainStats stats = new DrainStats();
    final Map<String, Boolean> recentFrames = new LinkedHashMap<>(64, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
        return size() > RECENT_FRAME_IDS;
      }
    };
    volatile Instant lastReceived;

    App(DrainSecret secret, Duration retention) {
      this.secret = secret;
      this.minutes = new AppMinutes(retention);
    }

    synchronized boolean firstTime(String frameId) {
      return frameId == null || frameId.isEmpty() || recentFrames.put(frameId, Boolean.TRUE) == null;
    }
  }

  private final Clock clock;
  private final Settings settings;
  private final Map<String, App> apps;

  /**
   * @param secrets each app's drain secret (see {@link DrainConfig})
   * @param clock the scheduler's clock: router timestamps are judged against it
   */
  public HerokuDrains(Map<String, String> secrets, Clock clock, Settings settings) {
    this.clock = Objects.requireNonNull(clock, "clock");
    this.settings = Objects.requireNonNull(settings, "settings");
    Map<String, App> m = new TreeMap<>();
    secrets.forEach((app, secret) -> m.put(app, new App(new DrainSecret(secret), settings.retention())));
    this.apps = Map.copyOf(m);
  }

  public Settings settings() {
    return settings;
  }

  @Override
  public Set<String> apps() {
    return apps.keySet();
  }

  boolean knows(String app) {
    return apps.containsKey(app);
  }

  /** Whether {@code password} is {@code app}'s secret (false for an unknown app); counts a refusal. */
  boolean authorized(String app, String password) {
    App a = apps.get(app);
    if (a == null) {
      return false;
    }
    boolean ok = a.secret.matches(password);
    if (!ok) {
      a.stats.refused.incrementAndGet();
    }
    return ok;
  }

  void tooLarge(String app) {
    app(app).stats.tooLarge.incrementAndGet();
  }

  /**
   * Counts the router lines of one body. Malformed frames and lines are counted and skipped.
   *
   * @param frameId {@code Logplex-Frame-Id}, or null
   * @param declaredCount {@code Logplex-Msg-Count}, or -1 when absent or unreadable
   */
  public Accepted accept(String app, String frameId, int declaredCount, byte[] body) {
    App a = app(app);
    Instant now = clock.instant();
    a.lastReceived = now;
    a.stats.batches.incrementAndGet();
    if (!a.firstTime(frameId)) {
      a.stats.duplicateBatches.incrementAndGet();
      return new Accepted(0, 0, 0, 0, 0, true);
    }
    LogplexFrames.Parsed frames = LogplexFrames.parse(body);
    int requests = 0;
    int other = 0;
    int malformed = 0;
    int outside = 0;
    for (String message : frames.messages()) {
      RouterLine.Parsed line = RouterLine.parse(message);
      switch (line.kind()) {
        case REQUEST -> {
          if (a.minutes.add(line.request(), now)) {
            requests++;
          } else {
            outside++;
          }
        }
        case OTHER -> other++;
        case MALFORMED -> malformed++;
      }
    }
    int read = frames.messages().size();
    if (declaredCount >= 0 && declaredCount != read + frames.malformed()) {
      a.stats.countMismatches.incrementAndGet();
    }
    a.stats.requests.addAndGet(requests);
    a.stats.otherLines.addAndGet(other);
    a.stats.malformedFrames.addAndGet(frames.malformed());
    a.stats.malformedLines.addAndGet(malformed);
    a.stats.outsideWindow.addAndGet(outside);
    if (frames.malformed() + malformed > 0) {
      log.debug("drain {}: {} malformed frame(s) and {} malformed line(s) skipped", app, frames.malformed(),
          malformed);
    }
    return new Accepted(requests, other, frames.malformed(), malformed, outside, false);
  }

  @Override
  public List<Figures> minutes(String app, Instant from, Instant to) {
    return app(app).minutes.minutes(from, to);
  }

  @Override
  public Figures window(String app, Instant from, Instant to) {
    return app(app).minutes.window(from, to);
  }

  @Override
  public Optional<Instant> lastReceived(String app) {
    return Optional.ofNullable(app(app).lastReceived);
  }

  public DrainStats.Snapshot stats(String app) {
    return app(app).stats.snapshot();
  }

  List<AppMinutes.Unpublished> takeUnpublished(String app) {
    return app(app).minutes.takeUnpublished();
  }

  void putBack(String app, List<AppMinutes.Unpublished> back) {
    app(app).minutes.putBack(back);
  }

  private App app(String app) {
    App a = apps.get(app);
    if (a == null) {
      throw new IllegalArgumentException("no Heroku drain is configured for app '" + app + "'; configured: "
          + apps.keySet());
    }
    return a;
  }
}
