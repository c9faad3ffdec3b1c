// Live updates from the server-sent events of /api/v1/events, with the connection's state and reconnection.

/** Every event type the journal writes (CutoverEvent's records); a test checks this list against them. */
export const EVENT_TYPES = ['started', 'preflight-passed', 'preflight-failed', 'resumed', 'approval-requested',
  'approved', 'shift-intent', 'change-submitted', 'change-in-sync', 'bake-started', 'gates-read',
  'step-completed', 'soak-started', 'soak-progress', 'operator-request', 'revert-intent', 'revert-failed', 'shift-failed', 'conflict', 'drift',
  'finished', 'lease-taken-over'];

const MAX_BACKOFF_MS = 10000;

/**
 * Keeps one EventSource open. onEvent(event) gets each event's JSON (with "plan" and "type"); onState(state)
 * gets 'connecting', 'live' or 'lost'; onOpen() runs on every (re)connection, to catch up on what was missed.
 * A stream that the browser gives up on (the server answered with an error) is opened again with a backoff;
 * beforeRetry() may say no (e.g. the session ended).
 */
export class Live {
  constructor({onEvent, onState, onOpen, beforeRetry}) {
    Object.assign(this, {onEvent, onState, onOpen, beforeRetry});
    this.backoff = 1000;
    this.source = null;
    this.timer = null;
    this.stopped = false;
  }

  start() {
    this.stopped = false;
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.source) this.source.close();
    this.source = null;
    this.onState('off');
  }

  open() {
    if (this.stopped) return;
    this.onState(this.everOpen ? 'lost' : 'connecting');
    const source = new EventSource('/api/v1/events');
    this.source = source;
    source.onopen = () => {
      this.everOpen = true;
      this.backoff = 1000;
      this.onState('live');
      this.onOpen();
    };
    source.onerror = () => {
      if (this.source !== source) return;
      this.onState(this.everOpen ? 'lost' : 'connecting');
      if (source.readyState === EventSource.CLOSED) this.retry();
      // else the browser reconnects by itself (after the server's retry: interval)
    };
    for (const type of EVENT_TYPES) {
      source.addEventListener(type, m => {
        try {
          this.onEvent(JSON.parse(m.data));
        } catch (e) {
          console.warn('unreadable event', type, e);
        }
      });
    }
  }

  retry() {
    this.source.close();
    this.source = null;
    clearTimeout(this.timer);
    this.timer = setTimeout(async () => {
      if (this.stopped) return;
      if (this.beforeRetry && !(await this.beforeRetry())) return;
      this.open();
    }, this.backoff);
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MS);
  }
}
