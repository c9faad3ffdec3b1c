package dev.cutover.sandbox.route53;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Parses Route 53 REST-XML request bodies (JDK DOM, no DTDs or external entities). Elements are matched by local
 * name, so the body may or may not carry the namespace or the {@code <?xml?>} declaration.
 */
final class Route53Requests {
  private static final Set<String> UNSUPPORTED_ROUTING = Set.of("Region", "GeoLocation", "Failover",
      "MultiValueAnswer", "TrafficPolicyInstanceId", "CidrRoutingConfig", "GeoProximityLocation");

  private Route53Requests() {}

  record CreateZone(String name, String callerReference, String comment, boolean privateZone) {}

  record ChangeBatch(String comment, List<Change> changes) {}

  static CreateZone createHostedZone(String body) {
    Element root = parse(body, "CreateHostedZoneRequest");
    Element config = child(root, "HostedZoneConfig");
    if (child(root, "VPC") != null) {
      throw Route53Error.invalidInput("The cutover sandbox does not support private hosted zones (VPC)");
    }
    return new CreateZone(text(root, "Name"), text(root, "CallerReference"),
        config == null ? null : text(config, "Comment"),
        config != null && "true".equalsIgnoreCase(text(config, "PrivateZone")));
  }

  static ChangeBatch changeBatch(String body) {
    Element root = parse(body, "ChangeResourceRecordSetsRequest");
    Element batch = required(root, "ChangeBatch");
    Element changes = required(batch, "Changes");
    List<Change> out = new ArrayList<>();
    for (Element change : children(changes, "Change")) {
      String action = requiredText(change, "Action");
      ChangeAction parsed;
      try {
        parsed = ChangeAction.valueOf(action.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw Route53Error.invalidInput("1 validation error detected: Value '" + action
            + "' at 'changeBatch.changes." + (out.size() + 1) + ".member.action' failed to satisfy constraint: "
            + "Member must satisfy enum value set: [CREATE, DELETE, UPSERT]");
      }
      out.add(new Change(parsed, recordSet(required(change, "ResourceRecordSet"))));
    }
    return new ChangeBatch(text(batch, "Comment"), out);
  }

  private static RecordSet recordSet(Element rrs) {
    for (String unsupported : UNSUPPORTED_ROUTING) {
      if (child(rrs, unsupported) != null) {
        throw Route53Error.invalidInput("The cutover sandbox supports only simple and weighted routing; "
            + unsupported + " is not supported");
      }
    }
    List<String> values = new ArrayList<>();
    Element records = child(rrs, "ResourceRecords");
    if (records != null) {
      for (Element record : children(records, "ResourceRecord")) {
        values.add(requiredText(record, "Value"));
      }
    }
    Element alias = child(rrs, "AliasTarget");
    try {
      AliasTarget target = alias == null ? null : new AliasTarget(requiredText(alias, "HostedZoneId"),
          requiredText(alias, "DNSName"), "true".equalsIgnoreCase(requiredText(alias, "EvaluateTargetHealth")));
      return new RecordSet(requiredText(rrs, "Name"), requiredText(rrs, "Type"), text(rrs, "SetIdentifier"),
          number(rrs, "Weight"), number(rrs, "TTL"), values, target, text(rrs, "HealthCheckId"));
    } catch (DnsNames.UnsupportedCharacter e) {
      throw Route53Error.invalidChangeBatch(List.of(e.getMessage()));
    }
  }

  static Integer intParam(String name, String value) {
    if (value == null) {
      return null;
    }
    try {
      return Integer.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw Route53Error.invalidInput("Invalid request: " + name + " must be a number, got '" + value + "'");
    }
  }

  private static Long number(Element parent, String name) {
    String value = text(parent, name);
    if (value == null) {
      return null;
    }
    try {
      return Long.valueOf(value.trim());
    } catch (NumberFormatException e) {
      throw Route53Error.invalidInput("Invalid request: " + name + " must be a number, got '" + value + "'");
    }
  }

  private static Element parse(String body, String rootName) {
    if (body == null || body.isBlank()) {
      throw Route53Error.invalidInput("Invalid request: the request body is empty, expected " + rootName);
    }
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      factory.setXIncludeAware(false);
      factory.setExpandEntityReferences(false);
      DocumentBuilder builder = factory.newDocumentBuilder();
      builder.setErrorHandler(null);
      Element root = builder.parse(new InputSource(new StringReader(body.strip()))).getDocumentElement();
      if (!rootName.equals(localName(root))) {
        throw Route53Error.invalidInput("Invalid request: expected root element " + rootName + ", got "
            + localName(root));
      }
      return root;
    } catch (SAXException | IOException | ParserConfigurationException e) {
      throw Route53Error.invalidInput("Invalid request: could not parse the XML body: " + e.getMessage());
    }
  }

  private static String localName(Node node) {
    return node.getLocalName() != null ? node.getLocalName() : node.getNodeName();
  }

  private static List<Element> children(Element parent, String name) {
    List<Element> out = new ArrayList<>();
    NodeList nodes = parent.getChildNodes();
    for (int i = 0; i < nodes.getLength(); i++) {
      if (nodes.item(i) instanceof Element e && name.equals(localName(e))) {
        out.add(e);
      }
    }
    return out;
  }

  private static Element child(Element parent, String name) {
    List<Element> found = children(parent, name);
    return found.isEmpty() ? null : found.get(0);
  }

  private static Element required(Element parent, String name) {
    Element e = child(parent, name);
    if (e == null) {
      throw Route53Error.invalidInput("Invalid request: Missing field '" + name + "' in " + localName(parent));
    }
    return e;
  }

  private static String text(Element parent, String name) {
    Element e = child(parent, name);
    return e == null ? null : e.getTextContent();
  }

  private static String requiredText(Element parent, String name) {
    return required(parent, name).getTextContent();
  }
}
