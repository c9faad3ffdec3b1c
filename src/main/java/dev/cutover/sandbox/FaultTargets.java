package dev.cutover.sandbox;

import dev.cutover.sandbox.cloudwatch.CloudWatchFaults;
import dev.cutover.sandbox.route53.Route53Faults;
import dev.cutover.sandbox.traffic.TrafficModel;
import java.util.Objects;

/** What a scenario's effects act on: the backends of the traffic model and the two services' fault switches. */
public record FaultTargets(TrafficModel traffic, Route53Faults route53, CloudWatchFaults cloudWatch) {
  public FaultTargets {
    Objects.requireNonNull(traffic, "traffic");
    Objects.requireNonNull(route53, "route53");
    Objects.requireNonNull(cloudWatch, "cloudWatch");
  }

  /** The targets of a running sandbox with its traffic. */
  public static FaultTargets of(SandboxServer server, TrafficModel traffic) {
    return new FaultTargets(traffic, server.route53().faults(), server.cloudWatchFaults());
  }
}
