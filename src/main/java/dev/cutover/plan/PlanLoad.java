package dev.cutover.plan;

import dev.cutover.domain.Plan;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of loading a plan file: the plan, present only when there is no ERROR, and every problem found,
 * errors and warnings, in file order (a missing key, having no place in the file, comes first in the mapping
 * that lacks it).
 */
public record PlanLoad(Optional<Plan> plan, List<PlanProblem> problems) {

  public PlanLoad {
    Objects.requireNonNull(plan, "plan");
    problems = List.copyOf(problems);
    if (plan.isPresent() && problems.stream().anyMatch(PlanProblem::isError)) {
      throw new IllegalArgumentException("a plan with errors must not be returned");
    }
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(PlanProblem::isError);
  }

  public List<PlanProblem> errors() {
    return problems.stream().filter(PlanProblem::isError).toList();
  }

  public List<PlanProblem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }
}
