package dev.cutover.engine;

import dev.cutover.domain.FaultPolicy;
import dev.cutover.domain.GatePolicy;
import dev.cutover.domain.GatePolicy.UnknownAction;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.Split;
import dev.cutover.domain.Step;
import java.time.Duration;
import java.util.List;

/** Plans for tests: 5% 10m, 50% 30m (approval optional), 100% 1h; poll 10s; settle 0. */
public final class Plans {
  private Plans() {}

  public static final String ZONE = "Z0TESTZONE0001";
  public static final RecordPair API = new RecordPair("api.example.com.", "CNAME", "heroku", "aws");
  public static final RecordPair WWW = new RecordPair("www.example.com.", "CNAME", "heroku", "aws");

  public static Plan standard() {
    return plan(false, UnknownAction.REVERT, List.of(API));
  }

  public static Plan withApprovalAt50() {
    return plan(true, UnknownAction.REVERT, List.of(API));
  }

  public static Plan holdingOnUnknown() {
    return plan(false, UnknownAction.HOLD, List.of(API));
  }

  /** The standard plan with a soak after the 100% step. */
  public static Plan soaking(Duration soak) {
    Plan p = standard();
    return new Plan(p.name(), p.zone(), p.records(), p.steps(), p.gates(), p.maxTtl(), p.settle(), p.faults(),
        p.labels(), new dev.cutover.domain.Lifecycle(soak, null));
  }

  public static Plan plan(boolean approvalAt50, UnknownAction onUnknown, List<RecordPair> records) {
    return new Plan("api-prod", ZONE, records,
        List.of(
            new Step(Split.of(5), Duration.ofMinutes(10), false),
            new Step(Split.of(50), Duration.ofMinutes(30), approvalAt50),
            new Step(Split.of(100), Duration.ofHours(1), false)),
        new GatePolicy(List.of("api-5xx", "api-p99"), Duration.ofSeconds(10), 3, onUnknown),
        Duration.ofSeconds(60), Duration.ZERO, FaultPolicy.DEFAULT);
  }
}
