/**
 * API request quotas shared by the sandbox services: {@link dev.cutover.sandbox.quota.RequestRate} and the
 * {@link dev.cutover.sandbox.quota.TokenBucket} that enforces it on the sandbox clock. Plain Java, no Vert.x.
 */
package dev.cutover.sandbox.quota;
