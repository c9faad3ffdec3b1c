package dev.cutover.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of a Heroku log drain received by cutover itself (docs/heroku-drain.md), for {@code run} and
 * {@code serve}: which apps, where their secrets are, and whether their figures also go to CloudWatch.
 */
public final class DrainOptions {
  @Option(names = "--drain", paramLabel = "APP=ENV_VAR", description = "receive the Heroku HTTPS log drain of"
      + " APP at /drains/heroku/APP; ENV_VAR names the environment variable holding the drain's secret (the"
      + " password of the drain URL, at least 16 characters). Repeat for more apps")
  List<String> drains = new ArrayList<>();

  @Option(names = "--publish-heroku-metrics", description = "also put each drain's per-minute figures into"
      + " CloudWatch (namespace Cutover/Heroku, dimension App; needs cloudwatch:PutMetricData)")
  boolean publish;

  /** The {@code APP=ENV_VAR} specs as given. */
  public List<String> drains() {
    return List.copyOf(drains);
  }

  public boolean publish() {
    return publish;
  }

  /** Whether any drain is configured. */
  public boolean any() {
    return !drains.isEmpty();
  }
}
