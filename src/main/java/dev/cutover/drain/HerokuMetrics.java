package dev.cutover.drain;

import dev.cutover.port.MetricPublisher;
import dev.cutover.port.MetricPublisher.Datum;
import dev.cutover.port.MetricPublisher.Unit;
import dev.cutover.port.Scheduler;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code --publish-heroku-metrics}: every {@link #EVERY} the drains' new figures go to CloudWatch, so that a
 * dashboard shows Heroku beside the ALB. Namespace {@value #NAMESPACE}, dimension {@code App}, and the ALB's
 * metric names (as the sandbox's {@code Sandbox/Heroku}): {@value #REQUEST_COUNT} and {@value #SERVER_ERRORS}
 * (Count; read them with the Sum statistic), {@value #RESPONSE_TIME} (Seconds, as Values and Counts, so p50 and
 * p99 work over any period). Each datum is stamped with its minute; what arrives late for a minute is sent later
 * with the same stamp and CloudWatch adds it to that minute. A minute without router lines sends nothing.
 */
public final class HerokuMetrics {
  public static final String NAMESPACE = "Cutover/Heroku";
  public static final String DIMENSION = "App";
  public static final String REQUEST_COUNT = "RequestCount";
  public static final String SERVER_ERRORS = "HTTPCode_Target_5XX_Count";
  public static final String RESPONSE_TIME = "TargetResponseTime";
  public static final Duration EVERY = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(HerokuMetrics.class);

  private final HerokuDrains drains;
  private final MetricPublisher publisher;
  private final Scheduler scheduler;
  private final String namespace;
  private long timer = -1;
  private boolean publishing;

  public HerokuMetrics(HerokuDrains drains, MetricPublisher publisher, Scheduler scheduler, String namespace) {
    this.drains = Objects.requireNonNull(drains, "drains");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
    this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    this.namespace = Objects.requireNonNull(namespace, "namespace");
  }

  /** Publishes every {@code every} (scheduler time) until {@link #stop()}. */
  public synchronized HerokuMetrics start(Duration every) {
    if (timer != -1) {
      throw new IllegalStateException("already publishing");
    }
    timer = scheduler.periodic(every, this::publishNow);
    return this;
  }

  /** Stops the timer; then publishes what is left once. */
  public Future<Void> stop() {
    synchronized (this) {
      if (timer != -1) {
        scheduler.cancel(timer);
        timer = -1;
      }
    }
    return publishNow();
  }

  /**
   * Sends every app's figures that are not published yet, one app after the other. What fails goes back, to be
   * sent with the next round; the Future fails with the first error, after every app had its turn.
   */
  public Future<Void> publishNow() {
    synchronized (this) {
      if (publishing) {
        return Future.succeededFuture(); // the previous round is still out: its data would only be split
      }
      publishing = true;
    }
    Future<Void> round = Future.succeededFuture();
    List<Throwable> failures = new ArrayList<>();
    for (String app : drains.apps()) {
      round = round.compose(v -> publish(app).recover(e -> {
        failures.add(e);
        return Future.succeededFuture();
      }));
    }
    return round.transform(ar -> {
      synchronized (this) {
        publishing = false;
      }
      return failures.isEmpty() ? Future.succeededFuture() : Future.failedFuture(failures.get(0));
    });
  }

  private Future<Void> publish(String app) {
    List<AppMinutes.Unpublished> minutes = drains.takeUnpublished(app);
    if (minutes.isEmpty()) {
      return Future.succeededFuture();
    }
    return publisher.publish(namespace, data(app, minutes)).onFailure(e -> {
      drains.putBack(app, minutes);
      log.warn("Heroku metrics of {} not published to CloudWatch (tried again in a minute): {}", app,
          e.getMessage());
    });
  }

  /** The datums of one app's unpublished minutes. */
  static List<Datum> data(String app, List<AppMinutes.Unpublished> minutes) {
    Map<String, String> dims = Map.of(DIMENSION, app);
    List<Datum> out = new ArrayList<>();
    for (AppMinutes.Unpublished m : minutes) {
      out.add(Datum.of(REQUEST_COUNT, dims, m.minute(), Unit.COUNT, m.requests()));
      out.add(Datum.of(SERVER_ERRORS, dims, m.minute(), Unit.COUNT, m.serverErrors()));
      if (m.latency().getTotalCount() > 0) {
        LatencyValues.Values v = LatencyValues.of(m.latency(), MetricPublisher.MAX_VALUES);
        out.add(new Datum(RESPONSE_TIME, dims, m.minute(), Unit.SECONDS, v.seconds(), v.counts()));
      }
    }
    return out;
  }
}
