package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.cli.CliExit;
import dev.cutover.cli.CutoverCli;
import dev.cutover.domain.ExitCode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Compressed time only when every AWS endpoint is on loopback: never real bakes shortened against real AWS. */
class LoopbackEndpointsTest {
  static final URI SANDBOX = URI.create("http://127.0.0.1:4566");
  static final URI AWS = URI.create("https://route53.amazonaws.com");

  static CutoverCli.Options options(URI route53, URI cloudWatch, String store) {
    return new CutoverCli.Options(null, route53, cloudWatch, null, false, store, 40);
  }

  static LoopbackEndpoints require(double speed, CutoverCli.Options o, Map<String, String> env) {
    return LoopbackEndpoints.require(speed, o, env::get);
  }

  @Test
  void realTimeTakesTheEndpointsAsGivenAndLeavesTheRestToTheSdk() {
    LoopbackEndpoints e = require(1, options(AWS, null, null), Map.of());

    assertThat(e.route53()).isEqualTo(AWS);
    assertThat(e.cloudWatch()).isNull();
  }

  @Test
  void compressedTimeAgainstTheSandboxOnLoopbackIsAllowed() {
    LoopbackEndpoints e = require(40, options(SANDBOX, URI.create("http://localhost:4566"), null), Map.of());

    assertThat(e.route53()).isEqualTo(SANDBOX);
  }

  @Test
  void compressedTimeWithoutAnEndpointIsRefusedBecauseItWouldBeRealAws() {
    assertThatThrownBy(() -> require(40, options(null, SANDBOX, null), Map.of()))
        .isInstanceOfSatisfying(CliExit.class, x -> assertThat(x.code()).isEqualTo(ExitCode.INVALID_INPUT))
        .hasMessageContaining("Route 53 would be real AWS")
        .hasMessageContaining("compressed time would shorten real bakes")
        .hasMessageContaining("a 30m bake would pass in 45s");
  }

  @Test
  void compressedTimeAgainstARealEndpointIsRefusedNamingIt() {
    assertThatThrownBy(() -> require(40, options(SANDBOX, URI.create("https://monitoring.us-east-1.amazonaws.com"),
        null), Map.of())).hasMessageContaining("CloudWatch is at https://monitoring.us-east-1.amazonaws.com, not on"
            + " loopback");
  }

  @Test
  void theEndpointVariablesCountAsTheSdkReadsThemAndAreThenGivenExplicitly() {
    LoopbackEndpoints e = require(40, options(null, null, null), Map.of(
        "AWS_ENDPOINT_URL_ROUTE_53", "http://127.0.0.1:4566", "AWS_ENDPOINT_URL", "http://[::1]:4566"));

    assertThat(e.route53()).isEqualTo(SANDBOX);
    assertThat(e.cloudWatch()).isEqualTo(URI.create("http://[::1]:4566"));

    assertThatThrownBy(() -> require(40, options(null, null, null), Map.of("AWS_ENDPOINT_URL_ROUTE_53",
        "https://route53.amazonaws.com", "AWS_ENDPOINT_URL_CLOUDWATCH", "http://127.0.0.1:1")))
        .hasMessageContaining("Route 53 is at https://route53.amazonaws.com");
  }

  @Test
  void endpointVariablesIgnoredByTheSdkDoNotCount() {
    assertThatThrownBy(() -> require(40, options(null, null, null), Map.of(
        "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true", "AWS_ENDPOINT_URL", "http://127.0.0.1:4566")))
        .hasMessageContaining("would be real AWS");
  }

  @Test
  void theSharedStoreMustBeOnLoopbackTooWhenTimeIsCompressed() {
    assertThatThrownBy(() -> require(40, options(SANDBOX, SANDBOX, "dynamodb"), Map.of()))
        .hasMessageContaining("DynamoDB (--store dynamodb) would be real AWS");
    assertThat(require(40, options(SANDBOX, SANDBOX, "dynamodb:t"), Map.of(
        "AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:8000")).dynamoDb())
        .isEqualTo(URI.create("http://127.0.0.1:8000"));
  }

  @Test
  void onlyLocalhostAndLoopbackLiteralsAreLoopbackNeverADnsName() {
    assertThat(LoopbackEndpoints.isLoopback(URI.create("http://127.0.0.1:1"))).isTrue();
    assertThat(LoopbackEndpoints.isLoopback(URI.create("http://127.8.9.10:1"))).isTrue();
    assertThat(LoopbackEndpoints.isLoopback(URI.create("http://[::1]:1"))).isTrue();
    assertThat(LoopbackEndpoints.isLoopback(URI.create("http://LOCALHOST:1"))).isTrue();
    assertThat(LoopbackEndpoints.isLoopback(URI.create("http://10.0.0.1:1"))).isFalse();
    assertThat(LoopbackEndpoints.isLoopback(URI.create("http://localtest.me:1"))).isFalse();
    assertThat(LoopbackEndpoints.isLoopback(URI.create("https://route53.amazonaws.com"))).isFalse();
  }
}
