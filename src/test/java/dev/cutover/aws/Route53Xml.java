package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Route 53 REST-XML bodies as the service sends them (Route 53 API Reference), and a reader for request bodies. */
final class Route53Xml {
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";

  private Route53Xml() {}

  static String cname(String name, String setId, int weight, int ttl, String value) {
    return "<ResourceRecordSet><Name>" + name + "</Name><Type>CNAME</Type><SetIdentifier>" + setId
        + "</SetIdentifier><Weight>" + weight + "</Weight><TTL>" + ttl + "</TTL><ResourceRecords><ResourceRecord>"
        + "<Value>" + value + "</Value></ResourceRecord></ResourceRecords></ResourceRecordSet>";
  }

  static ResponseDefinitionBuilder listPage(String next, String... recordSets) {
    return xml(200, "<ListResourceRecordSetsResponse xmlns=\"" + NS + "\"><ResourceRecordSets>"
        + String.join("", recordSets) + "</ResourceRecordSets>"
        + (next == null ? "<IsTruncated>false</IsTruncated>" : "<IsTruncated>true</IsTruncated>" + next)
        + "<MaxItems>300</MaxItems></ListResourceRecordSetsResponse>");
  }

  static String next(String name, String type, String identifier) {
    return "<NextRecordName>" + name + "</NextRecordName><NextRecordType>" + type + "</NextRecordType>"
        + "<NextRecordIdentifier>" + identifier + "</NextRecordIdentifier>";
  }

  static ResponseDefinitionBuilder changeInfo(String root, String id, String status) {
    return xml(200, "<" + root + " xmlns=\"" + NS + "\"><ChangeInfo><Id>/change/" + id + "</Id><Status>" + status
        + "</Status><SubmittedAt>2026-01-01T00:00:00.000Z</SubmittedAt></ChangeInfo></" + root + ">");
  }

  static ResponseDefinitionBuilder error(int status, String code, String message) {
    return xml(status, "<ErrorResponse xmlns=\"" + NS + "\"><Error><Type>Sender</Type><Code>" + code
        + "</Code><Message>" + message + "</Message></Error><RequestId>req-1</RequestId></ErrorResponse>");
  }

  static ResponseDefinitionBuilder xml(int status, String body) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/xml")
        .withHeader("x-amzn-RequestId", "req-1").withBody(body);
  }

  /** One change as sent: "DELETE heroku weight=95 ttl=60 value=x.herokudns.com". */
  static List<String> changes(String requestBody) throws Exception {
    var factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    var doc = factory.newDocumentBuilder()
        .parse(new ByteArrayInputStream(requestBody.getBytes(StandardCharsets.UTF_8)));
    NodeList changes = doc.getElementsByTagNameNS(NS, "Change");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < changes.getLength(); i++) {
      Element c = (Element) changes.item(i);
      out.add(text(c, "Action") + " " + text(c, "SetIdentifier") + " weight=" + text(c, "Weight") + " ttl="
          + text(c, "TTL") + " value=" + text(c, "Value"));
    }
    return out;
  }

  private static String text(Element e, String tag) {
    NodeList n = e.getElementsByTagNameNS(NS, tag);
    return n.getLength() == 0 ? null : n.item(0).getTextContent();
  }
}
