package dev.cutover.aws;

import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;

/** The explicit predicates for what may pass and what counts against an endpoint. */
final class AwsErrors {
  private AwsErrors() {}

  /**
   * Throttling, Route 53's PriorRequestNotComplete, HTTP 5xx, client-side I/O errors and timeouts, and answers
   * that cannot be parsed (garbled or cut short on the way) may pass; validation errors, InvalidChangeBatch,
   * NoSuchHostedZone and other 4xx answers will not.
   */
  static boolean retryable(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof PriorRequestNotCompleteException) {
      return true;
    }
    if (e instanceof AwsServiceException ase) {
      return ase.isThrottlingException() || ase.statusCode() >= 500;
    }
    if (e instanceof SdkClientException) {
      return isIoOrTimeout(e) || isUnreadableAnswer(e);
    }
    return false;
  }

  /** What the circuit breaker counts: the endpoint is unreachable or broken (I/O, timeouts, 5xx). */
  static boolean endpointFailure(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof AwsServiceException ase) {
      return ase.statusCode() >= 500 && !ase.isThrottlingException();
    }
    return e instanceof SdkClientException && (isIoOrTimeout(e) || isUnreadableAnswer(e));
  }

  /**
   * A 200 whose body the SDK cannot parse (an HTML error page from a proxy, a truncated answer): nothing was
   * learned, like an I/O error. CBOR parse errors are IOExceptions already; the XML parser's are not. Retrying a
   * write is safe: a guarded batch that landed conflicts with itself and is recognised by its read-back, a revert
   * is an UPSERT.
   */
  private static boolean isUnreadableAnswer(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof javax.xml.stream.XMLStreamException
          || c instanceof SdkClientException && c.getMessage() != null
              && c.getMessage().startsWith("Unable to unmarshall response")) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  private static boolean isIoOrTimeout(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IOException
          || c instanceof ApiCallAttemptTimeoutException
          || c instanceof ApiCallTimeoutException
          || c instanceof java.util.concurrent.TimeoutException) {
        return true;
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return false;
  }

  static Throwable unwrap(Throwable t) {
    Throwable e = t;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /** The AWS error code ("Throttling", "InvalidChangeBatch") or the exception's simple name. */
  static String code(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof AwsServiceException ase && ase.awsErrorDetails() != null
        && ase.awsErrorDetails().errorCode() != null) {
      return ase.awsErrorDetails().errorCode();
    }
    return e.getClass().getSimpleName();
  }

  /** "Throttling: Rate exceeded (HTTP 400, request id abc)" or the client exception's message. */
  static String describe(Throwable t) {
    Throwable e = unwrap(t);
    if (e instanceof AwsServiceException ase) {
      String message = ase.awsErrorDetails() != null && ase.awsErrorDetails().errorMessage() != null
          ? ase.awsErrorDetails().errorMessage() : ase.getMessage();
      return code(ase) + ": " + message + " (HTTP " + ase.statusCode()
          + (ase.requestId() != null ? ", request id " + ase.requestId() : "") + ")";
    }
    if (e.getMessage() != null && e.getMessage().contains("Unable to load credentials")) {
      return "no AWS credentials found (set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run"
          + " where an instance or container role is available)";
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }
}
