package dev.cutover.sandbox.route53;

import java.util.List;

/**
 * A Route 53 service error: the wire error code, the HTTP status and the messages. The HTTP face renders it as an
 * {@code ErrorResponse}; the model throws it for every rejected request.
 */
public final class Route53Error extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final int httpStatus;
  private final List<String> messages;

  public Route53Error(String code, int httpStatus, List<String> messages) {
    super(String.join("; ", messages));
    this.code = code;
    this.httpStatus = httpStatus;
    this.messages = List.copyOf(messages);
  }

  public Route53Error(String code, int httpStatus, String message) {
    this(code, httpStatus, List.of(message));
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public List<String> messages() {
    return messages;
  }

  /** {@code Sender} for 4xx, {@code Receiver} for 5xx, as in Route 53's ErrorResponse. */
  public String type() {
    return httpStatus >= 500 ? "Receiver" : "Sender";
  }

  public static Route53Error invalidChangeBatch(List<String> messages) {
    return new Route53Error("InvalidChangeBatch", 400, messages);
  }

  public static Route53Error invalidInput(String message) {
    return new Route53Error("InvalidInput", 400, message);
  }

  public static Route53Error noSuchHostedZone(String id) {
    return new Route53Error("NoSuchHostedZone", 404, "No hosted zone found with ID: " + id);
  }

  public static Route53Error noSuchChange(String id) {
    return new Route53Error("NoSuchChange", 404, "A change with the specified change ID does not exist: " + id);
  }

  public static Route53Error throttling() {
    return new Route53Error("Throttling", 400, "Rate exceeded");
  }

  public static Route53Error priorRequestNotComplete() {
    return new Route53Error("PriorRequestNotComplete", 400,
        "The request was rejected because Route 53 was still processing a prior request.");
  }

  public static Route53Error serviceFailure(int status) {
    return status == 503
        ? new Route53Error("ServiceUnavailable", 503, "Service is unavailable (sandbox fault injection)")
        : new Route53Error("InternalFailure", status, "Internal failure (sandbox fault injection)");
  }
}
