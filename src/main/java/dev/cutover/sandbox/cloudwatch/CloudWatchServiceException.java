package dev.cutover.sandbox.cloudwatch;

/**
 * A CloudWatch error as the service reports it, independent of the wire protocol: the query error code (for
 * example {@code ResourceNotFound}), the Smithy shape name used in {@code __type}, the HTTP status and whether
 * the caller ({@code Sender}) or the service ({@code Receiver}) is at fault.
 */
public final class CloudWatchServiceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String shape;
  private final int httpStatus;
  private final boolean senderFault;

  public CloudWatchServiceException(String code, String shape, int httpStatus, boolean senderFault, String message) {
    super(message);
    this.code = code;
    this.shape = shape;
    this.httpStatus = httpStatus;
    this.senderFault = senderFault;
  }

  public static CloudWatchServiceException invalidParameter(String message) {
    return new CloudWatchServiceException("InvalidParameterValue", "InvalidParameterValueException", 400, true, message);
  }

  public static CloudWatchServiceException invalidCombination(String message) {
    return new CloudWatchServiceException(
        "InvalidParameterCombination", "InvalidParameterCombinationException", 400, true, message);
  }

  public static CloudWatchServiceException missingParameter(String name) {
    return new CloudWatchServiceException("MissingParameter", "MissingRequiredParameterException", 400, true,
        "The parameter " + name + " is required.");
  }

  public static CloudWatchServiceException validation(String message) {
    return new CloudWatchServiceException("ValidationError", "ValidationError", 400, true, message);
  }

  public static CloudWatchServiceException notFound(String message) {
    return new CloudWatchServiceException("ResourceNotFound", "ResourceNotFound", 404, true, message);
  }

  public static CloudWatchServiceException invalidNextToken() {
    return new CloudWatchServiceException("InvalidNextToken", "InvalidNextToken", 400, true,
        "The service returned an error with Error Code InvalidNextToken.");
  }

  /** The body or a member has the wrong shape ({@code {"AlarmNames": 5}}): the SDKs' SerializationException. */
  public static CloudWatchServiceException serialization(String message) {
    return new CloudWatchServiceException("SerializationException", "SerializationException", 400, true, message);
  }

  /**
   * SetAlarmState's StateReasonData that is not JSON (API Reference, SetAlarmState errors: InvalidFormat, "Data was
   * not syntactically valid JSON", HTTP 400).
   */
  public static CloudWatchServiceException invalidFormat(String message) {
    return new CloudWatchServiceException("InvalidFormat", "InvalidFormatFault", 400, true, message);
  }

  /** An operation or path the sandbox does not serve. */
  public static CloudWatchServiceException invalidAction(String message) {
    return new CloudWatchServiceException("InvalidAction", "InvalidAction", 400, true, message);
  }

  /** A bug of the sandbox, answered in the protocol's error shape rather than as a bare HTTP 500. */
  public static CloudWatchServiceException internalFailure(String message) {
    return new CloudWatchServiceException("InternalFailure", "InternalFailure", 500, false, message);
  }

  public static CloudWatchServiceException throttling() {
    return new CloudWatchServiceException("Throttling", "Throttling", 400, true, "Rate exceeded");
  }

  public static CloudWatchServiceException unavailable() {
    return new CloudWatchServiceException("ServiceUnavailable", "ServiceUnavailable", 503, false,
        "Service is unavailable (sandbox fault injection)");
  }

  /** The AWS Query error code, also sent in {@code x-amzn-query-error}. */
  public String code() {
    return code;
  }

  /** The Smithy error shape name, sent as {@code com.amazonaws.cloudwatch#<shape>} in {@code __type}. */
  public String shape() {
    return shape;
  }

  public int httpStatus() {
    return httpStatus;
  }

  /** {@code Sender} or {@code Receiver}. */
  public String faultType() {
    return senderFault ? "Sender" : "Receiver";
  }
}
