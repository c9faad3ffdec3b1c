package dev.cutover.sandbox.route53;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the sandbox's DNS would answer for a name and type: the candidates with their weights and the TTL. A simple
 * record gives one candidate with a null SetIdentifier and weight 1. {@code ttl} is null for alias records.
 */
public record WeightedAnswer(String name, String type, Long ttl, List<Candidate> candidates) {

  public WeightedAnswer {
    candidates = List.copyOf(candidates);
  }

  /** One record of the answer. {@code values} is empty for an alias; then {@code aliasTarget} is set. */
  public record Candidate(String setIdentifier, long weight, List<String> values, AliasTarget aliasTarget) {
    public Candidate {
      values = List.copyOf(values);
    }
  }

  public boolean weighted() {
    return candidates.stream().anyMatch(c -> c.setIdentifier() != null);
  }

  /**
   * Each candidate's share of answers (0..1), keyed by SetIdentifier ({@code ""} for a simple record). All weights
   * 0 means an equal split, as in Route 53. Health checks are not evaluated.
   */
  public Map<String, Double> shares() {
    long total = candidates.stream().mapToLong(Candidate::weight).sum();
    Map<String, Double> shares = new LinkedHashMap<>();
    for (Candidate c : candidates) {
      double share = total == 0 ? 1.0 / candidates.size() : (double) c.weight() / total;
      shares.put(c.setIdentifier() == null ? "" : c.setIdentifier(), share);
    }
    return shares;
  }
}
