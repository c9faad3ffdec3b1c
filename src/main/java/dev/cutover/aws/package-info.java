/**
 * Production adapters for the engine's ports on the AWS SDK v2 async clients: {@link
 * dev.cutover.aws.Route53Weights} ({@code DnsWeights}) and {@link dev.cutover.aws.CloudWatchSignals}
 * ({@code Signals}), built by {@link dev.cutover.aws.AwsClients} with SDK retries off, every call wrapped by
 * {@link dev.cutover.aws.Resilient} (Resilience4j retry, rate limiter and circuit breaker, waits in scheduler
 * time). Depends on {@code domain}, {@code port} and {@code time} only.
 */
package dev.cutover.aws;
