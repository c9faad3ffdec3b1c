package dev.cutover.plan;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects every problem found in one pass over a plan file. */
final class Problems {
  private final List<PlanProblem> found = new ArrayList<>();

  void error(String path, String message, String fix) {
    found.add(PlanProblem.error(path, message, fix));
  }

  void warning(String path, String message, String fix) {
    found.add(PlanProblem.warning(path, message, fix));
  }

  boolean hasErrors() {
    return found.stream().anyMatch(PlanProblem::isError);
  }

  /** Every problem, ordered by where its path appears in the file (stable: same place keeps finding order). */
  List<PlanProblem> inFileOrder(YamlTree.Parsed parsed) {
    List<PlanProblem> sorted = new ArrayList<>(found);
    sorted.sort(Comparator.comparingInt(p -> parsed.orderOf(p.path())));
    return sorted;
  }
}
