package dev.cutover.domain;

import java.util.Optional;

/** The two weighted records of a pair as read from Route 53; a side is null when the record does not exist. */
public record PairState(RecordPair pair, WeightedRecord heroku, WeightedRecord aws) {

  public boolean complete() {
    return heroku != null && aws != null;
  }

  /** The split these weights send to AWS; empty when a side is missing or both weights are 0. */
  public Optional<Split> split() {
    if (!complete()) {
      return Optional.empty();
    }
    return Split.fromWeights(heroku.weight(), aws.weight());
  }

  /** True when the weights are exactly what this tool writes for {@code split}. */
  public boolean isExactly(Split split) {
    return complete() && heroku.weight() == split.herokuWeight() && aws.weight() == split.awsWeight();
  }

  /** "api.example.com. CNAME: expected heroku=95 aws=5, found heroku=70 aws=30", for conflicts and drift. */
  public String mismatch(Split... expected) {
    StringBuilder want = new StringBuilder();
    for (Split e : expected) {
      want.append(want.length() == 0 ? "" : " or ").append("heroku=").append(e.herokuWeight()).append(" aws=")
          .append(e.awsWeight());
    }
    return pair.label() + ": expected " + want + ", found " + weights();
  }

  public String weights() {
    if (!complete()) {
      return (heroku == null ? "heroku record missing" : "heroku=" + heroku.weight())
          + ", " + (aws == null ? "aws record missing" : "aws=" + aws.weight());
    }
    return "heroku=" + heroku.weight() + " aws=" + aws.weight();
  }
}
