package dev.cutover.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.RecordPair;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code records:} section: record pairs, their names, types and SetIdentifiers. */
final class RecordRules {
  /**
   * One change batch holds at most 1,000 ResourceRecord elements and a shift writes 4 per pair (DELETE and
   * CREATE of both weighted records; a revert's 2 UPSERTs count twice too).
   */
  static final int MAX_PAIRS = 250;

  private static final List<String> KEYS = List.of("name", "type", "heroku", "aws");
  private static final Pattern LABEL = Pattern.compile("[a-z0-9_]([a-z0-9_-]{0,61}[a-z0-9_])?");
  private static final Set<String> ROUTE53_TYPES = Set.of("A", "AAAA", "CAA", "CNAME", "DS", "HTTPS", "MX",
      "NAPTR", "NS", "PTR", "SOA", "SPF", "SRV", "SSHFP", "SVCB", "TLSA", "TXT");
  private static final String EXAMPLE =
      "records: [{ name: api.example.com., type: CNAME, heroku: heroku, aws: aws }]";

  private final Fields fields;
  private final Problems problems;

  RecordRules(Fields fields) {
    this.fields = fields;
    this.problems = fields.problems();
  }

  Optional<List<RecordPair>> read(ObjectNode root) {
    Optional<List<JsonNode>> items = fields.list(root, "records", "", EXAMPLE);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    if (items.get().size() > MAX_PAIRS) {
      problems.error("records", items.get().size() + " record pairs do not fit in one Route 53 change batch:"
              + " a batch holds at most 1,000 ResourceRecord elements and each pair writes 4 (at most "
              + MAX_PAIRS + " pairs)",
          "split the records over several plans of at most " + MAX_PAIRS + " pairs each");
    }
    List<RecordPair> pairs = new ArrayList<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean complete = true;
    for (int i = 0; i < items.get().size(); i++) {
      Optional<RecordPair> pair = pair(items.get().get(i), Paths.index("records", i));
      if (pair.isEmpty()) {
        complete = false;
        continue;
      }
      Integer first = seen.putIfAbsent(pair.get().label(), i);
      if (first != null) {
        problems.error(Paths.index("records", i) + ".name", "`" + pair.get().label()
                + "` is listed twice (also records[" + first + "])",
            "remove one of them: each name and type is one record pair");
      }
      pairs.add(pair.get());
    }
    return complete ? Optional.of(pairs) : Optional.empty();
  }

  private Optional<RecordPair> pair(JsonNode item, String path) {
    Optional<ObjectNode> o = fields.object(item, path,
        "{ name: api.example.com., type: CNAME, heroku: heroku, aws: aws }");
    if (o.isEmpty()) {
      return Optional.empty();
    }
    fields.refuseUnknownKeys(o.get(), path, KEYS);
    Optional<String> name = fields.text(o.get(), "name", path, true, "api.example.com.")
        .flatMap(n -> dnsName(n, Paths.child(path, "name")));
    Optional<String> type = fields.text(o.get(), "type", path, true, "CNAME")
        .flatMap(t -> type(t, Paths.child(path, "type")));
    Optional<String> heroku = fields.text(o.get(), "heroku", path, true, "heroku")
        .flatMap(s -> setIdentifier(s, Paths.child(path, "heroku")));
    Optional<String> aws = fields.text(o.get(), "aws", path, true, "aws")
        .flatMap(s -> setIdentifier(s, Paths.child(path, "aws")));
    if (heroku.isPresent() && aws.isPresent() && heroku.get().equals(aws.get())) {
      problems.error(Paths.child(path, "aws"), "the heroku and aws SetIdentifiers are both `" + aws.get() + "`",
          "give the two weighted records different SetIdentifiers, e.g. heroku: heroku and aws: aws");
      return Optional.empty();
    }
    if (name.isEmpty() || type.isEmpty() || heroku.isEmpty() || aws.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new RecordPair(name.get(), type.get(), heroku.get(), aws.get()));
  }

  private Optional<String> dnsName(String raw, String path) {
    String n = RecordPair.normalizeName(raw);
    String bare = n.substring(0, n.length() - 1);
    String problem = null;
    if (bare.isEmpty()) {
      problem = "is empty";
    } else if (bare.length() > 253) {
      problem = "is " + bare.length() + " characters long (at most 253)";
    } else {
      String[] labels = bare.split("\\.", -1);
      for (int i = 0; i < labels.length && problem == null; i++) {
        boolean wildcard = i == 0 && labels[i].equals("*");
        if (!wildcard && !LABEL.matcher(labels[i]).matches()) {
          problem = labels[i].isEmpty() ? "has an empty label" : "has an invalid label `" + labels[i] + "`";
        }
      }
    }
    if (problem != null) {
      problems.error(path, "`" + raw + "` is not a valid DNS name: it " + problem,
          "write a host name like api.example.com. (labels of letters, digits and hyphens, 1-63 characters,"
              + " no scheme, port or path)");
      return Optional.empty();
    }
    return Optional.of(n);
  }

  private Optional<String> type(String raw, String path) {
    String t = raw.trim().toUpperCase(Locale.ROOT);
    if (!ROUTE53_TYPES.contains(t)) {
      problems.error(path, "`" + raw + "` is not a Route 53 record type",
          Fields.closest(t, List.of("CNAME", "A", "AAAA")).map(c -> "did you mean `" + c + "`?")
              .orElse("write type: CNAME (Heroku targets need CNAME)"));
      return Optional.empty();
    }
    if (t.equals("A") || t.equals("AAAA")) {
      problems.warning(path, "type `" + t + "` cannot point at Heroku: Heroku targets need CNAME, and an "
              + t + " pair only works when both records are aliases",
          "use type: CNAME (the AWS side as a CNAME to the load balancer's DNS name) unless both records are"
              + " alias records");
    } else if (!t.equals("CNAME")) {
      problems.warning(path, "type `" + t + "` does not carry web traffic to Heroku: Heroku targets need CNAME",
          "use type: CNAME for the host name served by Heroku");
    }
    return Optional.of(t);
  }

  private Optional<String> setIdentifier(String s, String path) {
    if (s.isEmpty() || s.length() > 128) {
      problems.error(path, "SetIdentifier `" + s + "` is " + s.length() + " characters long",
          "use 1 to 128 characters, the SetIdentifier exactly as it is in Route 53");
      return Optional.empty();
    }
    return Optional.of(s);
  }
}
