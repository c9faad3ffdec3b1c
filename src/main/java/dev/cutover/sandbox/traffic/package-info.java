/**
 * Simulated users: clients with their own DNS caches resolve the plan's names through the sandbox Route 53 and
 * send requests to Heroku or AWS; each backend's requests, 5xx and response times are published into the sandbox
 * CloudWatch as an ALB publishes them. Aggregated per simulated second, seeded, cheap (about 0.1 ms of CPU per
 * simulated second for 200 clients at 50 requests per second).
 */
package dev.cutover.sandbox.traffic;
