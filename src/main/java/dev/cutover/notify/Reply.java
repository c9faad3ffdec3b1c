package dev.cutover.notify;

/**
 * A sink's answer to one attempt.
 *
 * @param retryAfter the Retry-After header as sent, or null
 * @param excerpt the start of the body, for a log line about a refusal (redacted before it is logged)
 */
record Reply(int status, String retryAfter, String excerpt) {

  boolean delivered() {
    return status >= 200 && status < 300;
  }

  /**
   * Worth another attempt: the receiver was busy or broken (408, 425, 429, 5xx; PagerDuty's Events API v2 overview,
   * "Response Codes &amp; Retry Logic": retry 429 and 5xx, never 400). Any other refusal is permanent.
   */
  boolean retryable() {
    return status == 408 || status == 425 || status == 429 || status >= 500;
  }
}
