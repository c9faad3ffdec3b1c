package dev.cutover.engine;

import dev.cutover.domain.Plan;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.Scheduler;
import java.time.Instant;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actual weights on their own clock (README, "The world is the truth"): every poll, while the run knows what they must be,
 * one read of every pair, stamped with the time it was asked for. Never more than one read in flight, so a slow
 * Route 53 is not asked again and again (its budget is shared by the whole account); gates never wait for it.
 */
final class WorldWatch {
  private static final Logger log = LoggerFactory.getLogger(WorldWatch.class);

  private final DnsWeights dns;
  private final Plan plan;
  private final BooleanSupplier wanted;
  private final Consumer<Observation.WorldRead> sink;
  private final PollTimer timer;
  private boolean inFlight;
  private int failedInARow;

  /** @param wanted whether the run can judge the weights now (see {@link WorldJudge}); no read otherwise */
  WorldWatch(Scheduler scheduler, DnsWeights dns, Plan plan, BooleanSupplier wanted,
      Consumer<Observation.WorldRead> sink) {
    this.dns = dns;
    this.plan = plan;
    this.wanted = wanted;
    this.sink = sink;
    this.timer = new PollTimer(scheduler, plan.gates().poll(), this::read);
  }

  void start() {
    timer.start();
  }

  void stop() {
    timer.stop();
  }

  private void read(Instant askedAt) {
    if (inFlight || !wanted.getAsBoolean()) {
      return;
    }
    inFlight = true;
    dns.read(plan.zone(), plan.records()).onComplete(ar -> {
      inFlight = false;
      if (ar.succeeded()) {
        failedInARow = 0;
        sink.accept(new Observation.WorldRead(askedAt, ar.result()));
      } else if (failedInARow++ == 0) {
        log.warn("could not read the actual weights (drift is checked again once Route 53 answers): {}",
            ar.cause().getMessage());
      }
    });
  }
}
