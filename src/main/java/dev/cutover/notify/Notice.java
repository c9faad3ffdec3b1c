package dev.cutover.notify;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Plan;
import java.net.URI;
import java.util.Optional;

/**
 * One thing people should hear about: an event of a plan, what kind it is, where the cutover stood, and the
 * dashboard page that shows it. What every sink renders its message from.
 *
 * @param id one per notice: a webhook receiver's idempotency key (the same for every attempt)
 * @param dashboard the server's external URL ({@code --public-url}), when known
 */
public record Notice(String id, Plan plan, CutoverEvent event, Classification classification, PlanContext context,
    Optional<URI> dashboard) {

  /** The cutover's page on the dashboard: {@code <public url>/cutovers/<plan>}. */
  public Optional<URI> link() {
    return dashboard.map(base -> URI.create(base.toString().replaceAll("/+$", "") + "/cutovers/" + plan.name()));
  }

  public Summary summary() {
    return Summary.of(this);
  }
}
