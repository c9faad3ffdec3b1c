package dev.cutover.journal;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Builds the DynamoDB async client for {@link DynamoPlanStore}: default credentials chain and region chain,
 * Netty HTTP, and the endpoint from {@code AWS_ENDPOINT_URL_DYNAMODB} (honoured by the SDK) unless an explicit
 * endpoint is given (tests, DynamoDB Local).
 *
 * <p>Unlike the Route 53 and CloudWatch clients of the {@code aws} package, whose retries live at the edge in
 * Resilience4j, this client keeps the <b>SDK's standard retry strategy</b> (throttling and 5xx, with backoff):
 * adapters must not share code, and the plan store's calls are small, idempotent or conditional. A conditional
 * write whose first attempt landed and whose retry then fails its condition is recognised by the callers
 * (writer id / lease token) and treated as success.
 */
public final class DynamoClients {

  /**
   * @param endpoint explicit endpoint, or null for the SDK's resolution (env, profile, AWS)
   * @param region null for the SDK's default region chain
   * @param credentials null for the default credentials chain
   * @param attemptTimeout one HTTP attempt
   * @param callTimeout one SDK call, retries included
   */
  public record Options(URI endpoint, Region region, AwsCredentialsProvider credentials, Duration attemptTimeout,
      Duration callTimeout) {

    public static final Options DEFAULTS =
        new Options(null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(15));

    public Options {
      Objects.requireNonNull(attemptTimeout, "attemptTimeout");
      Objects.requireNonNull(callTimeout, "callTimeout");
    }

    public Options withEndpoint(URI e) {
      return new Options(e, region, credentials, attemptTimeout, callTimeout);
    }

    public Options withRegion(Region r) {
      return new Options(endpoint, r, credentials, attemptTimeout, callTimeout);
    }

    public Options withCredentials(AwsCredentialsProvider c) {
      return new Options(endpoint, region, c, attemptTimeout, callTimeout);
    }
  }

  private DynamoClients() {}

  public static DynamoDbAsyncClient dynamoDb(Options o) {
    var b = DynamoDbAsyncClient.builder()
        .credentialsProvider(o.credentials() != null ? o.credentials() : DefaultCredentialsProvider.builder().build())
        .httpClientBuilder(NettyNioAsyncHttpClient.builder()
            .connectionTimeout(Duration.ofSeconds(5))
            .readTimeout(o.attemptTimeout())
            .writeTimeout(o.attemptTimeout())
            .maxConcurrency(16))
        .overrideConfiguration(ClientOverrideConfiguration.builder()
            .retryStrategy(AwsRetryStrategy.standardRetryStrategy())
            .apiCallAttemptTimeout(o.attemptTimeout())
            .apiCallTimeout(o.callTimeout())
            .build());
    if (o.region() != null) {
      b.region(o.region());
    }
    if (o.endpoint() != null) {
      b.endpointOverride(o.endpoint());
    }
    return b.build();
  }
}
