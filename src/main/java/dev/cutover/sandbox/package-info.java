/**
 * The sandbox: an embedded Route 53 ({@code route53}) and CloudWatch ({@code cloudwatch}) on their real wire
 * protocols, composed here into one server ({@link dev.cutover.sandbox.SandboxServer}), the world a plan expects
 * ({@link dev.cutover.sandbox.SandboxWorld}: zone, weighted records, gate alarms), simulated clients whose traffic
 * makes those alarms trip ({@code traffic}), and fault scenarios ({@link dev.cutover.sandbox.Scenario},
 * {@link dev.cutover.sandbox.ScenarioRun}). {@link dev.cutover.sandbox.SandboxSession} wires them in order.
 *
 * <p>Everything runs in the injected scheduler's time, so a demo compresses a 16-minute cutover into 16 seconds.
 * May import domain, port, time, engine and plan; never aws, journal, cli, api or app (LayeringTest).
 */
package dev.cutover.sandbox;
