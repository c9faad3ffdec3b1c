package dev.cutover.engine;

import dev.cutover.domain.GateReading;
import dev.cutover.port.Scheduler;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

/**
 * The gates on their own clock (README, "Gates run on their own clock"): every poll, one reading of every gate, whatever Route 53 is
 * doing. Each reading is stamped with the time it was asked for and gets an answer within {@code bound}, shorter
 * than the poll: no answer in time is Unknown at that time. A slow reading never delays the next one.
 */
final class GateWatch {
  /**
   * Under compressed time the network does not get faster: a reading gets at least this much wall time before it
   * counts as unanswered (production runs at speed 1 and the bound alone applies).
   */
  static final Duration MIN_WALL_WAIT = Duration.ofMillis(500);

  private final Scheduler scheduler;
  private final GateReader reader;
  private final List<String> gates;
  private final Duration bound;
  private final Consumer<Observation.GatesRead> sink;
  private final PollTimer timer;

  GateWatch(Scheduler scheduler, GateReader reader, List<String> gates, Duration poll, Duration bound,
      Consumer<Observation.GatesRead> sink) {
    this.scheduler = scheduler;
    this.reader = reader;
    this.gates = List.copyOf(gates);
    this.bound = bound;
    this.sink = sink;
    this.timer = new PollTimer(scheduler, poll, this::read);
  }

  void start() {
    timer.start();
  }

  void stop() {
    timer.stop();
  }

  /** How long a reading may take in scheduler time: the bound, with a wall-time floor under compression. */
  Duration timeout() {
    if (scheduler.speed() <= 1.0) {
      return bound;
    }
    Duration floor = Duration.ofNanos((long) (MIN_WALL_WAIT.toNanos() * scheduler.speed()));
    return floor.compareTo(bound) > 0 ? floor : bound;
  }

  private void read(Instant askedAt) {
    Promise<List<GateReading>> answer = Promise.promise();
    long expiry = scheduler.schedule(timeout(), () -> answer.tryComplete(GateReading.allUnknown(gates,
        "no answer within " + bound.toMillis() + " ms (CloudWatch slow, hung or unreachable)")));
    reader.read(gates).onComplete(ar -> {
      scheduler.cancel(expiry);
      answer.tryComplete(ar.succeeded() ? ar.result()
          : GateReading.allUnknown(gates, "could not read: " + ar.cause().getMessage()));
    });
    answer.future().onSuccess(readings -> sink.accept(new Observation.GatesRead(askedAt, readings)));
  }
}
