package dev.cutover.plan;

import static dev.cutover.plan.PlanFixtures.VALID;
import static dev.cutover.plan.PlanFixtures.load;
import static dev.cutover.plan.PlanFixtures.onlyError;
import static dev.cutover.plan.PlanFixtures.onlyWarning;
import static dev.cutover.plan.PlanFixtures.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecordRulesTest {

  private static String records(String... items) {
    String list = String.join("", items);
    return VALID.replaceAll("(?s)records:.*?steps:", "records:\n" + list + "steps:");
  }

  private static String pair(String name, String type, String heroku, String aws) {
    return "  - { name: " + name + ", type: " + type + ", heroku: " + heroku + ", aws: " + aws + " }\n";
  }

  @Test
  void rejectsDuplicateRecordsAfterNormalization() {
    PlanProblem p = onlyError(load(records(
            pair("api.example.com", "CNAME", "h", "a"),
            pair("API.example.com.", "cname", "h2", "a2"))),
        "records[1].name", "`api.example.com. CNAME` is listed twice (also records[0])");
    assertThat(p.fix()).contains("remove one");
  }

  @Test
  void rejectsMissingOrEmptyRecords() {
    onlyError(load(VALID.replaceAll("(?s)records:.*?steps:", "steps:")), "records", "`records` is missing");
    onlyError(load(VALID.replaceAll("(?s)records:.*?steps:", "records: []\nsteps:")),
        "records", "`records` is empty");
  }

  @Test
  void rejectsEqualHerokuAndAwsSetIdentifiers() {
    onlyError(load(validWith("aws: aws", "aws: heroku")), "records[0].aws",
        "the heroku and aws SetIdentifiers are both `heroku`");
  }

  @Test
  void rejectsSetIdentifiersLongerThan128Characters() {
    String longId = "x".repeat(129);
    PlanProblem p = onlyError(load(validWith("aws: aws", "aws: " + longId)), "records[0].aws",
        "is 129 characters long");
    assertThat(p.fix()).contains("1 to 128");
  }

  @Test
  void rejectsANameThatIsNotADnsName() {
    onlyError(load(validWith("API.Example.com", "https://api.example.com/")), "records[0].name",
        "`https://api.example.com/` is not a valid DNS name");
    onlyError(load(validWith("API.Example.com", "api..example.com")), "records[0].name", "empty label");
    onlyError(load(validWith("API.Example.com", "-api.example.com")), "records[0].name", "`-api`");
  }

  @Test
  void acceptsAWildcardAndUnderscoreLabels() {
    assertThat(load(validWith("API.Example.com", "'*.svc_1.example.com'")).problems()).isEmpty();
  }

  @Test
  void warnsThatHerokuTargetsNeedCname() {
    PlanProblem a = onlyWarning(load(validWith("type: cname", "type: A")), "records[0].type",
        "Heroku targets need CNAME", "alias");
    assertThat(a.fix()).contains("CNAME");
    onlyWarning(load(validWith("type: cname", "type: TXT")), "records[0].type", "Heroku targets need CNAME");
  }

  @Test
  void rejectsATypeThatIsNotARoute53TypeSuggestingTheClosest() {
    PlanProblem p = onlyError(load(validWith("type: cname", "type: CNAM")), "records[0].type",
        "`CNAM` is not a Route 53 record type");
    assertThat(p.fix()).isEqualTo("did you mean `CNAME`?");
  }

  @Test
  void rejectsMoreRecordPairsThanOneChangeBatchHolds() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 251; i++) {
      many.append(pair("host" + i + ".example.com", "CNAME", "h", "a"));
    }

    PlanProblem p = onlyError(load(records(many.toString())), "records", "251 record pairs",
        "1,000 ResourceRecord elements", "each pair writes 4");
    assertThat(p.fix()).contains("at most 250");
  }

  @Test
  void acceptsExactly250RecordPairs() {
    StringBuilder many = new StringBuilder();
    for (int i = 0; i < 250; i++) {
      many.append(pair("host" + i + ".example.com", "CNAME", "h", "a"));
    }
    assertThat(load(records(many.toString())).plan().orElseThrow().records()).hasSize(250);
  }

  @Test
  void warnsAboutAMaxTtlAboveSixtySeconds() {
    PlanProblem p = onlyWarning(load(validWith("maxTtl: 60s", "maxTtl: 5m").replace("bake: 10m", "bake: 7m")),
        "maxTtl", "maxTtl 5m is above 60s");
    assertThat(p.fix()).contains("lower the TTL to 60 s 24–48 h before the cutover");
  }
}
