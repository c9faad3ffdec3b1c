package dev.cutover.plan;

import dev.cutover.domain.NotifySettings;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The outcome of loading a --notify file: the settings, present only without an ERROR, and every problem. */
public record NotifyFileLoad(Optional<NotifySettings> settings, List<PlanProblem> problems) {

  public NotifyFileLoad {
    Objects.requireNonNull(settings, "settings");
    problems = List.copyOf(problems);
    if (settings.isPresent() && problems.stream().anyMatch(PlanProblem::isError)) {
      throw new IllegalArgumentException("settings with errors must not be returned");
    }
  }

  public boolean hasErrors() {
    return problems.stream().anyMatch(PlanProblem::isError);
  }

  public List<PlanProblem> warnings() {
    return problems.stream().filter(p -> !p.isError()).toList();
  }
}
