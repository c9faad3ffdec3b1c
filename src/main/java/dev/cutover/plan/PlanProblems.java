package dev.cutover.plan;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** Renders plan problems for people (one line each) and for machines ({@code --json}). */
public final class PlanProblems {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PlanProblems() {}

  /**
   * One line per problem: {@code config/api.yaml: steps[1].split: 50 is not greater than the previous step's 50
   * — make each step's split larger than the one before}; warnings carry {@code warning:} after the file name.
   */
  public static List<String> render(List<PlanProblem> problems, String source) {
    return problems.stream().map(p -> line(p, source)).toList();
  }

  /** "2 errors, 1 warning" */
  public static String summary(List<PlanProblem> problems) {
    long errors = problems.stream().filter(PlanProblem::isError).count();
    long warnings = problems.size() - errors;
    return errors + (errors == 1 ? " error, " : " errors, ")
        + warnings + (warnings == 1 ? " warning" : " warnings");
  }

  private static String line(PlanProblem p, String source) {
    StringBuilder sb = new StringBuilder(source).append(": ");
    if (!p.isError()) {
      sb.append("warning: ");
    }
    if (!p.path().isEmpty()) {
      sb.append(p.path()).append(": ");
    }
    return sb.append(p.message()).append(" — ").append(p.fix()).toString();
  }

  /**
   * {@code {"source":..., "valid":..., "errors":n, "warnings":n, "problems":[{"severity":"error", "path":...,
   * "message":..., "fix":...}]}}; valid means no errors.
   */
  public static String renderJson(List<PlanProblem> problems, String source) {
    ObjectNode root = JSON.createObjectNode();
    long errors = problems.stream().filter(PlanProblem::isError).count();
    root.put("source", source);
    root.put("valid", errors == 0);
    root.put("errors", errors);
    root.put("warnings", problems.size() - errors);
    root.set("problems", toJson(problems));
    try {
      return JSON.writeValueAsString(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot render problems as JSON", e);
    }
  }

  /** {@code [{"severity":"error", "path":..., "message":..., "fix":...}]} */
  public static ArrayNode toJson(List<PlanProblem> problems) {
    ArrayNode list = JSON.createArrayNode();
    for (PlanProblem p : problems) {
      list.addObject()
          .put("severity", p.severity().name().toLowerCase(Locale.ROOT))
          .put("path", p.path())
          .put("message", p.message())
          .put("fix", p.fix());
    }
    return list;
  }
}
