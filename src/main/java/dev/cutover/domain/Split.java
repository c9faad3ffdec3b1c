package dev.cutover.domain;

import java.util.Optional;

/**
 * The AWS share of traffic in percent, 0–100. Written to Route 53 as Heroku weight = 100 − split and AWS weight
 * = split, so the two weights of a pair always sum to 100 and can never both be 0.
 */
public record Split(int percent) implements Comparable<Split> {
  public static final Split ALL_HEROKU = new Split(0);
  public static final Split ALL_AWS = new Split(100);

  public Split {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException(
          "split must be an AWS share from 0 to 100 percent, got " + percent);
    }
  }

  public static Split of(int percent) {
    return new Split(percent);
  }

  public int herokuWeight() {
    return 100 - percent;
  }

  public int awsWeight() {
    return percent;
  }

  /**
   * The split that a pair of weights sends to AWS, or empty when both are 0 (Route 53 then splits equally: a
   * state this tool never writes and never treats as a known split).
   */
  public static Optional<Split> fromWeights(long herokuWeight, long awsWeight) {
    long sum = herokuWeight + awsWeight;
    if (sum <= 0) {
      return Optional.empty();
    }
    return Optional.of(new Split((int) Math.round(100.0 * awsWeight / sum)));
  }

  @Override
  public int compareTo(Split other) {
    return Integer.compare(percent, other.percent);
  }

  @Override
  public String toString() {
    return percent + "%";
  }
}
