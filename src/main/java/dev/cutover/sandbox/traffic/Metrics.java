package dev.cutover.sandbox.traffic;

import java.util.Map;

/**
 * Where a backend's load-balancer metrics go: the AWS side as an ALB publishes them (namespace
 * {@code AWS/ApplicationELB}, dimension {@code LoadBalancer=app/<name>/<id>}), the Heroku side under
 * {@code Sandbox/Heroku} with dimension {@code App=<name>}, with the same metric names so a UI shows both alike.
 */
public record Metrics(String namespace, Map<String, String> dimensions) {
  public static final String ALB_NAMESPACE = "AWS/ApplicationELB";
  public static final String HEROKU_NAMESPACE = "Sandbox/Heroku";
  public static final String REQUEST_COUNT = "RequestCount";
  public static final String TARGET_5XX = "HTTPCode_Target_5XX_Count";
  public static final String RESPONSE_TIME = "TargetResponseTime";

  public Metrics {
    dimensions = Map.copyOf(dimensions);
  }

  /** An ALB's metrics; {@code loadBalancer} is the dimension value {@code app/<name>/<id>}. */
  public static Metrics alb(String loadBalancer) {
    return new Metrics(ALB_NAMESPACE, Map.of("LoadBalancer", loadBalancer));
  }

  public static Metrics heroku(String app) {
    return new Metrics(HEROKU_NAMESPACE, Map.of("App", app));
  }
}
