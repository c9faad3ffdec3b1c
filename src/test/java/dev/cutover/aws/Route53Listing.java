package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * Test kit: a Route 53 zone on WireMock whose ListResourceRecordSets answers from a LITERAL list of records, in the
 * order the test writes them down, a few records per page. No comparator is involved: a request starting at record
 * i (its name and type, plus its SetIdentifier when it is not the first of its group) gets records i, i+1, ... and
 * the next record as NextRecordName/Type/Identifier, as Route 53 pages. So the controller's range read is checked
 * against the order the test states (Route 53's documented one, or another), not against a second copy of its
 * own ordering code.
 */
final class Route53Listing {
  /** One record set as Route 53 lists it: name written as returned (escaped), weight null for a simple record. */
  record Entry(String name, String type, String setIdentifier, Integer weight) {
    String xml() {
      if (weight == null) {
        return "<ResourceRecordSet><Name>" + name + "</Name><Type>" + type + "</Type><TTL>300</TTL>"
            + "<ResourceRecords><ResourceRecord><Value>filler</Value></ResourceRecord></ResourceRecords>"
            + "</ResourceRecordSet>";
      }
      return Route53Xml.cname(name, setIdentifier, weight, 60, setIdentifier + "." + name + "target");
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  static Entry weighted(String name, String setIdentifier, int weight) {
    return new Entry(name, "CNAME", setIdentifier, weight);
  }

  static Entry simple(String name, String type) {
    return new Entry(name, type, null, null);
  }

  Route53Listing add(Entry... more) {
    entries.addAll(List.of(more));
    return this;
  }

  /** Registers one stub per record a listing can start at; {@code pageSize} records per page. */
  void serve(WireMockServer server, String rrsetPath, int pageSize) {
    for (int i = 0; i < entries.size(); i++) {
      Entry start = entries.get(i);
      boolean firstOfGroup = i == 0 || !sameGroup(entries.get(i - 1), start);
      if (firstOfGroup) {
        server.stubFor(at(rrsetPath, start).withQueryParam("identifier", absent()).willReturn(page(i, pageSize)));
      }
      if (start.setIdentifier() != null) {
        server.stubFor(at(rrsetPath, start).withQueryParam("identifier", equalTo(start.setIdentifier()))
            .willReturn(page(i, pageSize)));
      }
    }
  }

  private static MappingBuilder at(String rrsetPath, Entry start) {
    return get(urlPathEqualTo(rrsetPath)).withQueryParam("name", equalTo(start.name()))
        .withQueryParam("type", equalTo(start.type()));
  }

  /** Answers a listing that starts at {@code name}/{@code type}, which is not in the zone, at record {@code at}. */
  void serveAbsent(WireMockServer server, String rrsetPath, String name, String type, int at, int pageSize) {
    server.stubFor(get(urlPathEqualTo(rrsetPath)).withQueryParam("name", equalTo(name))
        .withQueryParam("type", equalTo(type)).withQueryParam("identifier", absent())
        .willReturn(page(at, pageSize)));
  }

  private com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder page(int from, int pageSize) {
    int to = Math.min(entries.size(), from + pageSize);
    String next = null;
    if (to < entries.size()) {
      Entry n = entries.get(to);
      next = "<NextRecordName>" + n.name() + "</NextRecordName><NextRecordType>" + n.type() + "</NextRecordType>"
          + (n.setIdentifier() == null ? "" : "<NextRecordIdentifier>" + n.setIdentifier()
              + "</NextRecordIdentifier>");
    }
    return Route53Xml.listPage(next, entries.subList(from, to).stream().map(Entry::xml).toArray(String[]::new));
  }

  private static boolean sameGroup(Entry a, Entry b) {
    return a.name().equals(b.name()) && a.type().equals(b.type());
  }
}
