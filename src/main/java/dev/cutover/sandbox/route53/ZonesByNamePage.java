package dev.cutover.sandbox.route53;

import java.util.List;

/** A page of ListHostedZonesByName; the {@code next*} fields are null unless truncated. */
public record ZonesByNamePage(
    List<HostedZone> zones, boolean truncated, String nextDnsName, String nextHostedZoneId) {}
