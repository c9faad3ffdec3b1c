package dev.cutover.cli;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.Plan;
import dev.cutover.engine.EventJson;
import dev.cutover.port.Notifier;
import java.io.PrintStream;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

/** Progress for people (one readable line per event) or pipelines (one JSON event per line). */
public final class ConsoleNotifier implements Notifier {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private final PrintStream out;
  private final boolean json;
  private final Plan plan;
  private final String planFile;
  private final java.util.function.Function<java.time.Instant, String> time;

  /** @param planFile how the user named the plan file, for the commands the output suggests */
  public ConsoleNotifier(PrintStream out, boolean json, Plan plan, String planFile) {
    this.out = out;
    this.json = json;
    this.plan = plan;
    this.planFile = planFile;
    this.time = TIME::format;
  }

  /** Prints times as offsets from {@code origin} ("+05:30"): for rehearsals in compressed time. */
  public ConsoleNotifier(PrintStream out, boolean json, Plan plan, String planFile, java.time.Instant origin) {
    this.out = out;
    this.json = json;
    this.plan = plan;
    this.planFile = planFile;
    this.time = at -> offset(Duration.between(origin, at));
  }

  /** "+05:30" or "+1:02:03". */
  public static String offset(Duration d) {
    long s = Math.max(0, d.toSeconds());
    return s >= 3600 ? String.format("+%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format("+%02d:%02d", s / 60, s % 60);
  }

  @Override
  public void publish(CutoverEvent e) {
    if (json) {
      out.println(EventJson.toJson(e));
    } else {
      String line = describe(e);
      if (line != null) {
        out.println(time.apply(e.at()) + "  " + line);
      }
    }
    out.flush();
  }

  String describe(CutoverEvent e) {
    int steps = plan.steps().size();
    if (e instanceof CutoverEvent.Started s) {
      return "cutover " + s.cutoverId() + " of plan " + s.plan() + " started by " + s.by() + "; steps "
          + s.steps().stream().map(p -> p + "%").collect(Collectors.joining(" → "));
    } else if (e instanceof CutoverEvent.PreflightPassed p) {
      return "preflight passed (" + plan.records().size() + " record pair(s), " + plan.gates().alarms().size()
          + " gate(s))" + p.warnings().stream().map(w -> "\n          warning: " + w).collect(Collectors.joining());
    } else if (e instanceof CutoverEvent.PreflightFailed p) {
      return "preflight FAILED, nothing changed:" + p.problems().stream().map(x -> "\n          - " + x)
          .collect(Collectors.joining());
    } else if (e instanceof CutoverEvent.Resumed r) {
      return "resumed at " + r.split() + ": " + r.note();
    } else if (e instanceof CutoverEvent.ApprovalRequested a) {
      return "step " + (a.step() + 1) + "/" + steps + " (" + a.split() + ") waits for approval: run `cutover resume "
          + planFile + "` (gates are still watched)";
    } else if (e instanceof CutoverEvent.Approved a) {
      return "step " + (a.step() + 1) + " approved by " + a.by();
    } else if (e instanceof CutoverEvent.ShiftIntent s) {
      return "step " + (s.step() + 1) + "/" + steps + ": shifting " + s.from() + " → " + s.to() + " AWS";
    } else if (e instanceof CutoverEvent.ChangeSubmitted c) {
      return c.purpose() + " change " + c.changeId() + " submitted (" + c.changes().size() + " record changes),"
          + " waiting for INSYNC";
    } else if (e instanceof CutoverEvent.ChangeInSync c) {
      return "change " + c.changeId() + " INSYNC: " + c.split() + " on AWS";
    } else if (e instanceof CutoverEvent.BakeStarted b) {
      return "baking " + b.split() + " for " + human(b.required()) + " while every gate stays healthy";
    } else if (e instanceof CutoverEvent.GatesRead g) {
      return "gates " + g.overall() + ": " + g.readings().stream().map(GateReading::gate).collect(Collectors.joining(", ")) + detail(g);
    } else if (e instanceof CutoverEvent.StepCompleted s) {
      return "step " + (s.step() + 1) + "/" + steps + " (" + s.split() + ") baked healthy for " + human(s.baked())
          + (s.promoted() ? " (promoted)" : "");
    } else if (e instanceof CutoverEvent.OperatorRequest o) {
      return o.command().name().toLowerCase() + " by " + o.by() + ": " + o.effect();
    } else if (e instanceof CutoverEvent.RevertIntent r) {
      return "REVERTING to 100% Heroku — trigger: " + r.trigger() + "; " + r.reason();
    } else if (e instanceof CutoverEvent.RevertFailed r) {
      return "revert attempt failed (retrying): " + r.error();
    } else if (e instanceof CutoverEvent.ShiftFailed s) {
      return "shift failed: " + s.error();
    } else if (e instanceof CutoverEvent.Conflict c) {
      return "CONFLICT, nothing applied:" + c.details().stream().map(x -> "\n          - " + x)
          .collect(Collectors.joining());
    } else if (e instanceof CutoverEvent.Drift d) {
      return "DRIFT" + (d.revertedToHeroku() ? " (someone reverted to Heroku)" : "") + ":"
          + d.details().stream().map(x -> "\n          - " + x).collect(Collectors.joining());
    } else if (e instanceof CutoverEvent.LeaseTakenOver l) {
      return (l.forced() ? "FORCED takeover by " + l.by() + " of the lease held by " : "took over the expired lease of ")
          + l.from();
    } else if (e instanceof CutoverEvent.Finished f) {
      return "finished " + f.outcome() + " (exit " + f.exitCode() + "): " + f.reason();
    }
    return null;
  }

  private static String detail(CutoverEvent.GatesRead g) {
    String bad = g.readings().stream().filter(r -> r.verdict() != dev.cutover.domain.Verdict.HEALTHY)
        .map(r -> r.gate() + " " + r.verdict() + " (" + r.detail() + ")").collect(Collectors.joining("; "));
    return bad.isEmpty() ? "" : " — " + bad;
  }

  static String human(Duration d) {
    if (d.toMillis() % 1000 != 0 && d.toSeconds() < 10) {
      return d.toMillis() + "ms";
    }
    long s = d.toSeconds();
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return (s / 60) + "m" + (s % 60 == 0 ? "" : (s % 60) + "s");
    }
    return (s / 3600) + "h" + ((s % 3600) / 60 == 0 ? "" : ((s % 3600) / 60) + "m");
  }
}
