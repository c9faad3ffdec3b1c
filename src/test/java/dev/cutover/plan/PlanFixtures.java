package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.plan.PlanProblem.Severity;
import java.util.List;

/** A valid plan to vary, and assertions on the problems a variation produces. */
final class PlanFixtures {
  static final String VALID = """
      name: api-prod
      zone: Z0123456789ABCDEFGHIJ
      maxTtl: 60s
      records:
        - name: API.Example.com
          type: cname
          heroku: heroku
          aws: aws
      steps:
        - { split: 5, bake: 10m }
        - { split: 50, bake: 30m, approval: true }
        - { split: 100, bake: 1h }
      gates:
        alarms: [api-aws-5xx-rate, api-aws-p99-latency]
        poll: 10s
        unknownLimit: 3
        onUnknown: revert
      """;

  private PlanFixtures() {}

  static PlanLoad load(String yaml) {
    return new PlanLoader().parse(yaml, "test.yaml");
  }

  /** VALID with {@code from} replaced by {@code to}; fails when {@code from} is not in it. */
  static String validWith(String from, String to) {
    assertThat(VALID).contains(from);
    return VALID.replace(from, to);
  }

  /** Asserts the load has exactly one problem, an error at {@code path} whose message contains the parts. */
  static PlanProblem onlyError(PlanLoad load, String path, String... messageParts) {
    return only(load, Severity.ERROR, path, messageParts);
  }

  static PlanProblem onlyWarning(PlanLoad load, String path, String... messageParts) {
    return only(load, Severity.WARNING, path, messageParts);
  }

  private static PlanProblem only(PlanLoad load, Severity severity, String path, String... parts) {
    List<PlanProblem> problems = load.problems();
    assertThat(problems).as("problems").hasSize(1);
    PlanProblem p = problems.get(0);
    assertThat(p.severity()).as("severity of %s", p).isEqualTo(severity);
    assertThat(p.path()).as("path of %s", p).isEqualTo(path);
    assertThat(p.message()).as("message of %s", p).contains(parts);
    assertThat(p.fix()).as("fix of %s", p).isNotBlank();
    assertThat(load.plan().isPresent()).as("plan present").isEqualTo(severity == Severity.WARNING);
    return p;
  }
}
