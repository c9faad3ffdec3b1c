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

  /**
   * One readable line (or a few, indented) per event; every text that came from a plan, the journal, AWS or an
   * operator goes through {@link Terminal#safe} (here {@code t}), so none of it can move the cursor or forge a
   * line.
   */
  String describe(CutoverEvent e) {
    int steps = plan.steps().size();
    if (e instanceof CutoverEvent.Started s) {
      return "cutover " + t(s.cutoverId()) + " of plan " + t(s.plan()) + " started by " + t(s.by()) + "; steps "
          + s.steps().stream().map(p -> p + "%").collect(Collectors.joining(" → "));
    } else if (e instanceof CutoverEvent.PreflightPassed p) {
      return "preflight passed (" + plan.records().size() + " record pair(s), " + plan.gates().alarms().size()
          + " gate(s))" + items("warning: ", p.warnings());
    } else if (e instanceof CutoverEvent.PreflightFailed p) {
      return "preflight FAILED, nothing changed:" + items("- ", p.problems());
    } else if (e instanceof CutoverEvent.Resumed r) {
      return "resumed at " + r.split() + ": " + t(r.note());
    } else if (e instanceof CutoverEvent.ApprovalRequested a) {
      return "step " + (a.step() + 1) + "/" + steps + " (" + a.split() + ") waits for approval: run `cutover resume "
          + t(planFile) + "` (gates are still watched)";
    } else if (e instanceof CutoverEvent.Approved a) {
      return "step " + (a.step() + 1) + " approved by " + t(a.by());
    } else if (e instanceof CutoverEvent.ShiftIntent s) {
      return "step " + (s.step() + 1) + "/" + steps + ": shifting " + s.from() + " → " + s.to() + " AWS";
    } else if (e instanceof CutoverEvent.ChangeSubmitted c) {
      return changeSubmitted(c);
    } else if (e instanceof CutoverEvent.ChangeInSync c) {
      return "change " + t(c.changeId()) + " INSYNC: " + c.split() + " on AWS";
    } else if (e instanceof CutoverEvent.BakeStarted b) {
      return "baking " + b.split() + " for " + human(b.required()) + " while every gate stays healthy";
    } else if (e instanceof CutoverEvent.GatesRead g) {
      return "gates " + g.overall() + ": " + g.readings().stream().map(r -> t(r.gate()))
          .collect(Collectors.joining(", ")) + detail(g);
    } else if (e instanceof CutoverEvent.StepCompleted s) {
      return "step " + (s.step() + 1) + "/" + steps + " (" + s.split() + ") baked healthy for " + human(s.baked())
          + (s.promoted() ? " (promoted)" : "");
    } else if (e instanceof CutoverEvent.SoakStarted k) {
      return "every step baked: soaking at 100% AWS for " + human(k.soak()) + " (Heroku's record stays at weight 0,"
          + " every gate is watched; a breach still reverts)";
    } else if (e instanceof CutoverEvent.SoakProgress k) {
      return "soaked " + human(k.soaked()) + " of " + human(k.soak());
    } else if (e instanceof CutoverEvent.OperatorRequest o) {
      return o.command().name().toLowerCase() + " by " + t(o.by()) + ": " + t(o.effect());
    } else if (e instanceof CutoverEvent.RevertIntent r) {
      return revertIntent(r);
    } else if (e instanceof CutoverEvent.RevertFailed r) {
      return "revert attempt failed (retrying): " + t(r.error());
    } else if (e instanceof CutoverEvent.ShiftFailed s) {
      return "shift failed: " + t(s.error());
    } else if (e instanceof CutoverEvent.Conflict c) {
      return "CONFLICT, nothing applied:" + items("- ", c.details());
    } else if (e instanceof CutoverEvent.Drift d) {
      return "DRIFT" + (d.revertedToHeroku() ? " (someone reverted to Heroku)" : "") + ":" + items("- ", d.details());
    } else if (e instanceof CutoverEvent.LeaseTakenOver l) {
      return (l.forced() ? "FORCED takeover by " + t(l.by()) + " of the lease held by "
          : "took over the expired lease of ") + t(l.from());
    } else if (e instanceof CutoverEvent.Finished f) {
      return "finished " + f.outcome() + " (exit " + f.exitCode() + "): " + t(f.reason());
    }
    return null;
  }

  private static String changeSubmitted(CutoverEvent.ChangeSubmitted c) {
    if ("rollback".equals(c.purpose())) {
      return "rollback change " + t(c.changeId()) + " submitted: " + c.changes().size() + " record changes, every"
          + " pair to 100% Heroku by UPSERT";
    }
    return t(c.purpose()) + " change " + t(c.changeId()) + " submitted (" + c.changes().size() + " record changes),"
        + " waiting for INSYNC";
  }

  private static String revertIntent(CutoverEvent.RevertIntent r) {
    return OperatorReverts.label(r).map(by -> by + ": REVERTING to 100% Heroku")
        .orElseGet(() -> "REVERTING to 100% Heroku — trigger: " + t(r.trigger()) + "; " + t(r.reason()));
  }

  private static String t(String text) {
    return Terminal.safe(text);
  }

  /** One indented line per item: "\n          - item". */
  private static String items(String prefix, java.util.List<String> items) {
    return items.stream().map(x -> "\n          " + prefix + t(x)).collect(Collectors.joining());
  }

  private static String detail(CutoverEvent.GatesRead g) {
    String bad = g.readings().stream().filter(r -> r.verdict() != dev.cutover.domain.Verdict.HEALTHY)
        .map(r -> t(r.gate()) + " " + r.verdict() + " (" + t(r.detail()) + ")").collect(Collectors.joining("; "));
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
