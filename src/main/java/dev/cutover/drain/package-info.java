/**
 * Heroku's side of the numbers, received by cutover itself: an HTTPS log drain endpoint
 * ({@link dev.cutover.drain.DrainEndpoint}, mounted by {@code serve} at {@code /drains/heroku/{app}} or served by
 * {@link dev.cutover.drain.DrainServer} for {@code run --drain-port}) that reads {@code application/logplex-1}
 * bodies and Heroku's router lines into per-minute request, 5xx and latency figures
 * ({@link dev.cutover.drain.HerokuDrains}, the {@code HerokuTraffic} port), and, with
 * {@code --publish-heroku-metrics}, puts them into CloudWatch through the {@code MetricPublisher} port
 * ({@link dev.cutover.drain.HerokuMetrics}). docs/heroku-drain.md describes it for users.
 *
 * <p>An adapter: depends on port, domain and Vert.x core; never on aws, sandbox, api, cli or app (LayeringTest).
 */
package dev.cutover.drain;
