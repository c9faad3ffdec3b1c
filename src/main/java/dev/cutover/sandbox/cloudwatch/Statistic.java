package dev.cutover.sandbox.cloudwatch;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A statistic name (SampleCount, Sum, Average, Minimum, Maximum or a percentile pNN / pNN.NN) and its computation. */
record Statistic(String name, double percentile) {
  private static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d{1,10})?|100)");

  static Statistic parse(String name) {
    if (name == null || name.isBlank()) {
      throw CloudWatchServiceException.missingParameter("Stat");
    }
    switch (name) {
      case "SampleCount", "Sum", "Average", "Minimum", "Maximum":
        return new Statistic(name, Double.NaN);
      default:
        Matcher m = PERCENTILE.matcher(name);
        if (m.matches()) {
          return new Statistic(name, Double.parseDouble(m.group(1)));
        }
        throw CloudWatchServiceException.invalidParameter(
            "The statistic " + name + " is not supported by the sandbox (use SampleCount, Sum, Average, "
                + "Minimum, Maximum or pNN).");
    }
  }

  static boolean isExtended(String name) {
    return name != null && PERCENTILE.matcher(name).matches();
  }

  /** The statistic of one period, NaN when it cannot be computed (no raw values for a percentile). */
  double apply(MetricSeries.Aggregate a) {
    return switch (name) {
      case "SampleCount" -> a.count;
      case "Sum" -> a.sum;
      case "Average" -> a.sum / a.count;
      case "Minimum" -> a.min;
      case "Maximum" -> a.max;
      default -> a.percentile(percentile);
    };
  }
}
