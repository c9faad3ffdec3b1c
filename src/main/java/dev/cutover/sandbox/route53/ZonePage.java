package dev.cutover.sandbox.route53;

import java.util.List;

/** A page of ListHostedZones; {@code nextMarker} is null unless truncated. */
public record ZonePage(List<HostedZone> zones, boolean truncated, String nextMarker) {}
