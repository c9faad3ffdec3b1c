package dev.cutover.sandbox.route53;

import java.util.List;

/** The result of CreateHostedZone: the zone, the change that created it and the zone's name servers. */
public record CreatedZone(HostedZone zone, ChangeInfo change, List<String> nameServers) {}
