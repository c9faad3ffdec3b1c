package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.Route53Exception;

class AwsErrorsTest {

  static AwsServiceException route53(int status, String code) {
    return Route53Exception.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("m").build()).build();
  }

  @Test
  void throttlingPriorRequestServerErrorsAndIoAreRetryable() {
    assertThat(AwsErrors.retryable(route53(400, "Throttling"))).isTrue();
    assertThat(AwsErrors.retryable(PriorRequestNotCompleteException.builder().statusCode(400).build())).isTrue();
    assertThat(AwsErrors.retryable(route53(500, "InternalFailure"))).isTrue();
    assertThat(AwsErrors.retryable(route53(503, "ServiceUnavailable"))).isTrue();
    assertThat(AwsErrors.retryable(SdkClientException.create("io", new ConnectException("refused")))).isTrue();
    assertThat(AwsErrors.retryable(ApiCallAttemptTimeoutException.create(1000))).isTrue();
  }

  /** What SDK 2.54's XML unmarshaller throws for a 200 whose body is not XML. */
  static SdkClientException unparseableXml() {
    return SdkClientException.create("Unable to unmarshall response (Could not parse XML response.). Response Code:"
        + " 200, Response Text: OK", SdkClientException.create("Could not parse XML response.",
            new javax.xml.stream.XMLStreamException("ParseError at [row,col]:[1,62]")));
  }

  @Test
  void anAnswerThatCannotBeParsedIsRetryableAndCountsAgainstTheBreaker() {
    assertThat(AwsErrors.retryable(unparseableXml())).isTrue();
    assertThat(AwsErrors.retryable(new CompletionException(unparseableXml()))).isTrue();
    assertThat(AwsErrors.endpointFailure(unparseableXml())).isTrue();
  }

  @Test
  void validationAndOtherClientErrorsAreNotRetryable() {
    assertThat(AwsErrors.retryable(InvalidChangeBatchException.builder().statusCode(400).build())).isFalse();
    assertThat(AwsErrors.retryable(NoSuchHostedZoneException.builder().statusCode(404).build())).isFalse();
    assertThat(AwsErrors.retryable(InvalidInputException.builder().statusCode(400).build())).isFalse();
    assertThat(AwsErrors.retryable(route53(403, "AccessDenied"))).isFalse();
    assertThat(AwsErrors.retryable(SdkClientException.create("Unable to marshall request"))).isFalse();
    assertThat(AwsErrors.retryable(new IllegalStateException("bug"))).isFalse();
  }

  @Test
  void looksThroughCompletionExceptions() {
    assertThat(AwsErrors.retryable(new CompletionException(route53(400, "Throttling")))).isTrue();
    assertThat(AwsErrors.code(new CompletionException(route53(400, "Throttling")))).isEqualTo("Throttling");
  }

  @Test
  void onlyAnUnreachableOrBrokenEndpointCountsAgainstTheBreaker() {
    assertThat(AwsErrors.endpointFailure(route53(500, "InternalFailure"))).isTrue();
    assertThat(AwsErrors.endpointFailure(SdkClientException.create("io", new ConnectException("x")))).isTrue();
    assertThat(AwsErrors.endpointFailure(route53(400, "Throttling"))).isFalse();
    assertThat(AwsErrors.endpointFailure(InvalidChangeBatchException.builder().statusCode(400).build())).isFalse();
  }

  @Test
  void describesAnAwsErrorWithCodeMessageAndStatus() {
    assertThat(AwsErrors.describe(route53(400, "Throttling"))).isEqualTo("Throttling: m (HTTP 400)");
  }
}
