package dev.cutover.sandbox.route53;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Renders Route 53 REST-XML response bodies, elements in the order of the published service model. */
final class Route53Responses {
  static final String NS = "https://route53.amazonaws.com/doc/2013-04-01/";
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private Route53Responses() {}

  static String createHostedZone(CreatedZone created) {
    XmlWriter x = new XmlWriter().root("CreateHostedZoneResponse", NS);
    hostedZone(x, created.zone());
    changeInfo(x, created.change());
    delegationSet(x, created.nameServers());
    return x.close("CreateHostedZoneResponse").toString();
  }

  static String getHostedZone(HostedZone zone, List<String> nameServers) {
    XmlWriter x = new XmlWriter().root("GetHostedZoneResponse", NS);
    hostedZone(x, zone);
    delegationSet(x, nameServers);
    return x.close("GetHostedZoneResponse").toString();
  }

  static String listHostedZones(ZonePage page, String marker, int maxItems) {
    XmlWriter x = new XmlWriter().root("ListHostedZonesResponse", NS).open("HostedZones");
    page.zones().forEach(z -> hostedZone(x, z));
    return x.close("HostedZones")
        .leaf("Marker", marker == null ? "" : marker)
        .leaf("IsTruncated", page.truncated())
        .leaf("NextMarker", page.nextMarker())
        .leaf("MaxItems", maxItems)
        .close("ListHostedZonesResponse").toString();
  }

  static String listHostedZonesByName(ZonesByNamePage page, String dnsName, String zoneId, int maxItems) {
    XmlWriter x = new XmlWriter().root("ListHostedZonesByNameResponse", NS).open("HostedZones");
    page.zones().forEach(z -> hostedZone(x, z));
    return x.close("HostedZones")
        .leaf("DNSName", dnsName)
        .leaf("HostedZoneId", zoneId)
        .leaf("IsTruncated", page.truncated())
        .leaf("NextDNSName", page.nextDnsName())
        .leaf("NextHostedZoneId", page.nextHostedZoneId())
        .leaf("MaxItems", maxItems)
        .close("ListHostedZonesByNameResponse").toString();
  }

  static String listResourceRecordSets(RecordPage page, int maxItems) {
    XmlWriter x = new XmlWriter().root("ListResourceRecordSetsResponse", NS).open("ResourceRecordSets");
    page.records().forEach(r -> recordSet(x, r));
    x.close("ResourceRecordSets").leaf("IsTruncated", page.truncated());
    if (page.next() != null) {
      x.leaf("NextRecordName", page.next().name())
          .leaf("NextRecordType", page.next().type())
          .leaf("NextRecordIdentifier", page.next().setIdentifier());
    }
    return x.leaf("MaxItems", maxItems).close("ListResourceRecordSetsResponse").toString();
  }

  static String changeResourceRecordSets(ChangeInfo info) {
    XmlWriter x = new XmlWriter().root("ChangeResourceRecordSetsResponse", NS);
    changeInfo(x, info);
    return x.close("ChangeResourceRecordSetsResponse").toString();
  }

  static String getChange(ChangeInfo info) {
    XmlWriter x = new XmlWriter().root("GetChangeResponse", NS);
    changeInfo(x, info);
    return x.close("GetChangeResponse").toString();
  }

  /**
   * Route 53's error shape. For InvalidChangeBatch the message is the bracketed list Route 53 prints, and the
   * individual reasons are also given as {@code messages/Message} inside {@code Error}: the member name the SDK v2
   * model uses for {@code InvalidChangeBatchException.messages()} (lowercase, checked against route53 2.54.13).
   */
  static String error(Route53Error error, String requestId) {
    boolean batch = error.code().equals("InvalidChangeBatch");
    XmlWriter x = new XmlWriter().root("ErrorResponse", NS).open("Error")
        .leaf("Type", error.type())
        .leaf("Code", error.code())
        .leaf("Message", batch ? error.messages().toString() : error.getMessage());
    if (batch) {
      x.open("messages");
      error.messages().forEach(m -> x.leaf("Message", m));
      x.close("messages");
    }
    return x.close("Error").leaf("RequestId", requestId).close("ErrorResponse").toString();
  }

  static String timestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  private static void hostedZone(XmlWriter x, HostedZone zone) {
    x.open("HostedZone")
        .leaf("Id", "/hostedzone/" + zone.id())
        .leaf("Name", zone.name())
        .leaf("CallerReference", zone.callerReference())
        .open("Config").leaf("Comment", zone.comment()).leaf("PrivateZone", false).close("Config")
        .leaf("ResourceRecordSetCount", zone.resourceRecordSetCount())
        .close("HostedZone");
  }

  private static void delegationSet(XmlWriter x, List<String> nameServers) {
    x.open("DelegationSet").open("NameServers");
    nameServers.forEach(ns -> x.leaf("NameServer", ns.endsWith(".") ? ns.substring(0, ns.length() - 1) : ns));
    x.close("NameServers").close("DelegationSet");
  }

  private static void changeInfo(XmlWriter x, ChangeInfo info) {
    x.open("ChangeInfo")
        .leaf("Id", "/change/" + info.id())
        .leaf("Status", info.status())
        .leaf("SubmittedAt", timestamp(info.submittedAt()))
        .leaf("Comment", info.comment())
        .close("ChangeInfo");
  }

  private static void recordSet(XmlWriter x, RecordSet r) {
    x.open("ResourceRecordSet")
        .leaf("Name", r.name())
        .leaf("Type", r.type())
        .leaf("SetIdentifier", r.setIdentifier())
        .leaf("Weight", r.weight())
        .leaf("TTL", r.ttl());
    if (!r.values().isEmpty()) {
      x.open("ResourceRecords");
      r.values().forEach(v -> x.open("ResourceRecord").leaf("Value", v).close("ResourceRecord"));
      x.close("ResourceRecords");
    }
    if (r.aliasTarget() != null) {
      x.open("AliasTarget")
          .leaf("HostedZoneId", r.aliasTarget().hostedZoneId())
          .leaf("DNSName", r.aliasTarget().dnsName())
          .leaf("EvaluateTargetHealth", r.aliasTarget().evaluateTargetHealth())
          .close("AliasTarget");
    }
    x.leaf("HealthCheckId", r.healthCheckId()).close("ResourceRecordSet");
  }
}
