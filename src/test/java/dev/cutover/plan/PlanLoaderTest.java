package dev.cutover.plan;

import static dev.cutover.plan.PlanFixtures.VALID;
import static dev.cutover.plan.PlanFixtures.load;
import static dev.cutover.plan.PlanFixtures.onlyError;
import static dev.cutover.plan.PlanFixtures.validWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cutover.domain.FaultPolicy;
import dev.cutover.domain.GatePolicy;
import dev.cutover.domain.GatePolicy.UnknownAction;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.Split;
import dev.cutover.domain.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanLoaderTest {

  @Test
  void loadsAValidPlanIntoTheExactDomainPlanWithNormalizedRecordsAndDefaults() {
    PlanLoad load = load(VALID);

    assertThat(load.problems()).isEmpty();
    assertThat(load.plan()).contains(new Plan(
        "api-prod",
        "Z0123456789ABCDEFGHIJ",
        List.of(new RecordPair("api.example.com.", "CNAME", "heroku", "aws")),
        List.of(
            new Step(Split.of(5), Duration.ofMinutes(10), false),
            new Step(Split.of(50), Duration.ofMinutes(30), true),
            new Step(Split.of(100), Duration.ofHours(1), false)),
        new GatePolicy(List.of("api-aws-5xx-rate", "api-aws-p99-latency"), Duration.ofSeconds(10), 3,
            UnknownAction.REVERT),
        Duration.ofSeconds(60),
        Duration.ofMinutes(3),
        FaultPolicy.DEFAULT));
  }

  @Test
  void readsLabelsToSelectPlansBy() {
    Plan plan = load(VALID + "labels: { team: payments, tier: critical }\n").plan().orElseThrow();
    assertThat(plan.labels()).containsEntry("team", "payments").containsEntry("tier", "critical");
    assertThat(plan.hasLabels(java.util.Map.of("team", "payments"))).isTrue();
    assertThat(plan.hasLabels(java.util.Map.of("team", "search"))).isFalse();
  }

  @Test
  void labelsMustBeAMappingOfShortKeysToText() {
    PlanLoad load = load(VALID + "labels: { \"bad key\": x, tier: [a, b] }\n");
    assertThat(load.plan()).isEmpty();
    assertThat(load.problems()).extracting(PlanProblem::path)
        .contains("labels.bad key", "labels.tier");
  }

  @Test
  void defaultsMaxTtlSettleAndGateTuningWhenLeftOut() {
    String yaml = """
        name: api-prod
        zone: /hostedzone/Z0123456789ABCDEFGHIJ
        records: [{ name: api.example.com, type: CNAME, heroku: h, aws: a }]
        steps: [{ split: 100, bake: 5m }]
        gates: { alarms: [five-xx] }
        """;

    Plan plan = load(yaml).plan().orElseThrow();

    assertThat(plan.zone()).isEqualTo("Z0123456789ABCDEFGHIJ");
    assertThat(plan.maxTtl()).isEqualTo(Duration.ofSeconds(60));
    assertThat(plan.settle()).isEqualTo(Duration.ofSeconds(180));
    assertThat(plan.gates()).isEqualTo(
        new GatePolicy(List.of("five-xx"), Duration.ofSeconds(10), 3, UnknownAction.REVERT));
    assertThat(plan.faults()).isEqualTo(FaultPolicy.DEFAULT);
  }

  @Test
  void readsFaultsAndHoldOnUnknown() {
    String yaml = validWith("onUnknown: revert", "onUnknown: hold")
        + "faults: { retryDeadline: 90s, route53RatePerSecond: 2.5, inSyncTimeout: 10m }\n";

    Plan plan = load(yaml).plan().orElseThrow();

    assertThat(plan.gates().onUnknown()).isEqualTo(UnknownAction.HOLD);
    assertThat(plan.faults())
        .isEqualTo(new FaultPolicy(Duration.ofSeconds(90), 2.5, Duration.ofMinutes(10)));
  }

  /** A missing key has no place in the file: it is reported first in the mapping that lacks it. */
  @Test
  void reportsFiveDifferentProblemsInOnePass() {
    String yaml = """
        name: API_prod
        records:
          - { name: api.example.com., type: CNAME, heroku: same, aws: same }
        steps:
          - { split: 50, bake: 10m }
          - { split: 20, bake: 10 }
        gates:
          alarms: [five-xx]
          unknownLimt: 3
        """;

    PlanLoad load = load(yaml);

    assertThat(load.plan()).isEmpty();
    assertThat(load.problems()).extracting(PlanProblem::path).containsExactly(
        "zone",
        "name",
        "records[0].aws",
        "steps[1].split",
        "steps[1].split",
        "steps[1].bake",
        "gates.unknownLimt");
    assertThat(load.problems()).allMatch(PlanProblem::isError);
  }

  @Test
  void reportsProblemsInFileOrderWhateverTheOrderOfTheChecks() {
    String yaml = """
        gates: { alarms: [a, a] }
        steps: [{ split: 100, bake: 1m }]
        records: [{ name: api.example.com, type: CNAME, heroku: h, aws: a }]
        zone: lowercase
        name: ok
        """;

    assertThat(load(yaml).problems()).extracting(PlanProblem::path)
        .containsExactly("gates.alarms[1]", "steps[0].bake", "zone");
  }

  @Test
  void reportsAnUnreadableFileAsAProblem(@TempDir Path dir) {
    PlanLoad load = new PlanLoader().load(dir.resolve("missing.yaml"));

    onlyError(load, "", "cannot read", "missing.yaml");
  }

  @Test
  void reportsTextThatIsNotYamlWithLineAndColumn() {
    PlanLoad load = load("name: api-prod\nzone: [unclosed\nsteps: {\n");

    onlyError(load, "", "not valid YAML at line ");
    assertThat(load.problems().get(0).message()).contains("column");
  }

  @Test
  void explainsWhatTheYamlParserFoundWrong() {
    PlanProblem p = onlyError(load(validWith("API.Example.com", "*.example.com")), "", "line 5",
        "while scanning an alias", "unexpected character");
    assertThat(p.fix()).contains("quote");
  }

  @Test
  void reportsAYamlListWhereAPlanShouldBe() {
    onlyError(load("- name: api-prod\n- zone: Z1\n"), "", "a plan is a mapping", "a list");
  }

  @Test
  void reportsAnEmptyFile() {
    onlyError(load("# nothing but a comment\n"), "", "empty");
  }

  @Test
  void reportsAKeyWrittenTwiceInsteadOfKeepingTheLast() {
    onlyError(load(validWith("- { split: 5, bake: 10m }", "- { split: 5, split: 10, bake: 10m }")),
        "steps[0].split", "`split` is written twice", "line 10, column 17");
  }

  @Test
  void reportsWrongTypesWithTheirPaths() {
    String yaml = VALID.replace("aws: aws", "aws: [a, b]")
        .replace("approval: true", "approval: maybe")
        .replace("split: 5,", "split: five,")
        .replace("gates:\n", "gates: \n")
        .replace("unknownLimit: 3", "unknownLimit: 2.5");

    assertThat(load(yaml).problems()).extracting(PlanProblem::path, PlanProblem::message).containsExactly(
        tuple("records[0].aws", "expected text, got a list"),
        tuple("steps[0].split", "expected a whole number, got `five`"),
        tuple("steps[1].approval", "expected true or false, got `maybe`"),
        tuple("gates.unknownLimit", "expected a whole number, got `2.5`"));
  }

  @Test
  void rejectsAPlanNameThatCannotNameADirectory() {
    PlanProblem p = onlyError(load(validWith("name: api-prod", "name: API Prod")), "name", "`API Prod`");
    assertThat(p.fix()).contains("api-prod");
  }

  @Test
  void rejectsAMissingZone() {
    onlyError(load(validWith("zone: Z0123456789ABCDEFGHIJ\n", "")), "zone", "`zone` is missing");
  }

  @Test
  void rejectsAMalformedZoneIdSuggestingUppercase() {
    PlanProblem p = onlyError(load(validWith("Z0123456789ABCDEFGHIJ", "z0123abc")), "zone", "`z0123abc`");
    assertThat(p.fix()).contains("uppercase", "Z0123ABC");
  }

  @Test
  void rejectsADomainNameGivenAsZone() {
    PlanProblem p = onlyError(load(validWith("Z0123456789ABCDEFGHIJ", "example.com")), "zone", "example.com");
    assertThat(p.fix()).contains("hosted zone id");
  }

  @Test
  void rejectsUnknownKeysAtEveryLevelSuggestingTheClosest() {
    String yaml = VALID.replace("maxTtl: 60s", "max_ttl: 60s")
        .replace("type: cname", "typ: cname\n    type: cname")
        .replace("unknownLimit: 3", "unknownlimit: 3")
        + "fautls: {}\n";

    List<PlanProblem> problems = load(yaml).problems();

    assertThat(problems).extracting(PlanProblem::path)
        .containsExactly("max_ttl", "records[0].typ", "gates.unknownlimit", "fautls");
    assertThat(problems).extracting(PlanProblem::fix).containsExactly(
        "did you mean `maxTtl`?", "did you mean `type`?", "did you mean `unknownLimit`?",
        "did you mean `faults`?");
  }

  @Test
  void rejectsYamlMergeKeys() {
    PlanLoad load = load(validWith("{ split: 50, bake: 30m, approval: true }", "{ <<: *first, split: 50 }")
        .replace("- { split: 5,", "- &first { split: 5,"));

    // the merged bake is not seen: the step lacks it, and the merge key is reported
    assertThat(load.problems()).extracting(PlanProblem::path, PlanProblem::message).containsExactly(
        tuple("steps[1].bake", "`bake` is missing"),
        tuple("steps[1].<<", "YAML merge keys (`<<`) are not supported"));
  }

  @Test
  void listsTheKnownKeysWhenNoneIsClose() {
    PlanProblem p = onlyError(load(VALID + "colour: blue\n"), "colour", "unknown key `colour`");
    assertThat(p.fix()).contains("name, zone, labels, maxTtl, settle, records, steps, gates, faults, soak, finalTtl");
  }
}
