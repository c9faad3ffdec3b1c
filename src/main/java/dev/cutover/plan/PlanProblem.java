package dev.cutover.plan;

import java.util.Objects;

/**
 * One thing wrong with (or worth a second look in) a plan file.
 *
 * @param path where in the file, e.g. {@code steps[1].split}, {@code records[0].name}, {@code gates.poll}; empty
 *     for the file as a whole (unreadable, not YAML)
 * @param message what is wrong, quoting the bad value
 * @param fix how to fix it
 * @param severity ERROR makes the plan unusable; WARNING is reported but the plan still loads
 */
public record PlanProblem(String path, String message, String fix, Severity severity) {

  public enum Severity { ERROR, WARNING }

  public PlanProblem {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(fix, "fix");
    Objects.requireNonNull(severity, "severity");
  }

  public static PlanProblem error(String path, String message, String fix) {
    return new PlanProblem(path, message, fix, Severity.ERROR);
  }

  public static PlanProblem warning(String path, String message, String fix) {
    return new PlanProblem(path, message, fix, Severity.WARNING);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
