package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanProblemsTest {
  private static final List<PlanProblem> PROBLEMS = List.of(
      PlanProblem.error("steps[1].split", "50 is not greater than the previous step's 50",
          "make each step's split larger than the one before"),
      PlanProblem.warning("maxTtl", "maxTtl 5m is above 60s", "lower the TTL"),
      PlanProblem.error("", "the file is empty", "write a plan"));

  @Test
  void rendersOneLinePerProblemWithFilePathMessageAndFix() {
    assertThat(PlanProblems.render(PROBLEMS, "config/api.yaml")).containsExactly(
        "config/api.yaml: steps[1].split: 50 is not greater than the previous step's 50"
            + " — make each step's split larger than the one before",
        "config/api.yaml: warning: maxTtl: maxTtl 5m is above 60s — lower the TTL",
        "config/api.yaml: the file is empty — write a plan");
  }

  @Test
  void summarizesCounts() {
    assertThat(PlanProblems.summary(PROBLEMS)).isEqualTo("2 errors, 1 warning");
    assertThat(PlanProblems.summary(List.of())).isEqualTo("0 errors, 0 warnings");
  }

  @Test
  void rendersJsonForMachines() throws Exception {
    JsonNode json = new ObjectMapper().readTree(PlanProblems.renderJson(PROBLEMS, "config/api.yaml"));

    assertThat(json.get("source").asText()).isEqualTo("config/api.yaml");
    assertThat(json.get("valid").asBoolean()).isFalse();
    assertThat(json.get("errors").asInt()).isEqualTo(2);
    assertThat(json.get("warnings").asInt()).isEqualTo(1);
    JsonNode first = json.get("problems").get(0);
    assertThat(first.get("severity").asText()).isEqualTo("error");
    assertThat(first.get("path").asText()).isEqualTo("steps[1].split");
    assertThat(first.get("message").asText()).isEqualTo("50 is not greater than the previous step's 50");
    assertThat(first.get("fix").asText()).isEqualTo("make each step's split larger than the one before");
    assertThat(json.get("problems").get(1).get("severity").asText()).isEqualTo("warning");
  }

  @Test
  void rendersAValidPlanAsValidJson() throws Exception {
    JsonNode json = new ObjectMapper().readTree(PlanProblems.renderJson(List.of(), "config/example.yaml"));
    assertThat(json.get("valid").asBoolean()).isTrue();
    assertThat(json.get("problems")).isEmpty();
  }
}
