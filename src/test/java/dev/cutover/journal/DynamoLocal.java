package dev.cutover.journal;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * DynamoDB Local (the Maven artifact, which ships its own SQLite natives) in this JVM, in memory, on a free
 * port; clients reach it on 127.0.0.1 with dummy credentials (child processes through
 * {@code AWS_ENDPOINT_URL_DYNAMODB}).
 */
public final class DynamoLocal implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final int port;

  private DynamoLocal(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  public static DynamoLocal start() throws Exception {
    int port = freePort();
    // -sharedDb: one database for every client, whatever its access key and region ("DynamoDB local usage notes":
    // without it each access key and region gets its own), as one real table is shared by every process
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(
        new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
    server.start();
    return new DynamoLocal(server, port);
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public DynamoDbAsyncClient client() {
    return DynamoClients.dynamoDb(DynamoClients.Options.DEFAULTS.withEndpoint(endpoint())
        .withRegion(Region.US_EAST_1)
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDLOCAL", "local"))));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
