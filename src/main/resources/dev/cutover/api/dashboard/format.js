// Durations (ISO-8601, as the API writes them), times and verdicts for people.

/** Seconds in an ISO-8601 duration such as PT1H2M3.5S (the API's format); null for null. */
export function seconds(iso) {
  if (iso === null || iso === undefined) return null;
  const m = /^(-)?P(?:(\d+)D)?(?:T(?:(-?\d+)H)?(?:(-?\d+)M)?(?:(-?[\d.]+)S)?)?$/.exec(iso);
  if (!m) return null;
  const total = (+(m[2] || 0)) * 86400 + (+(m[3] || 0)) * 3600 + (+(m[4] || 0)) * 60 + (+(m[5] || 0));
  return m[1] ? -total : total;
}

/** 1h 05m, 4m 30s, 45s, 0s. */
export function duration(secs) {
  if (secs === null || secs === undefined) return '–';
  const t = Math.max(0, Math.round(secs));
  const h = Math.floor(t / 3600), m = Math.floor((t % 3600) / 60), sec = t % 60;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return sec ? `${m}m ${String(sec).padStart(2, '0')}s` : `${m}m`;
  return `${sec}s`;
}

/** An ISO duration for people. */
export function iso(isoDuration) {
  return duration(seconds(isoDuration));
}

/** A time of day (with the date when it is not today), in the browser's time zone. */
export function time(instant) {
  if (!instant) return '–';
  const d = new Date(instant);
  const today = new Date().toDateString() === d.toDateString();
  const t = d.toLocaleTimeString([], {hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false});
  return today ? t : `${d.toLocaleDateString()} ${t}`;
}

export function pct(split) {
  return split === null || split === undefined ? '–' : `${split}%`;
}

/** Phases that never change again. */
export const ENDED = new Set(['COMPLETED', 'ROLLED_BACK', 'ABORTED', 'CONFLICT', 'FAILED', 'ENDED']);

/** Every phase a cutover can show, in the order of a cutover's life. */
export const PHASES = ['STARTING', 'READY', 'AWAITING_APPROVAL', 'SHIFTING', 'BAKING', 'PAUSED', 'REVERTING',
  'COMPLETED', 'ROLLED_BACK', 'ABORTED', 'CONFLICT', 'FAILED', 'ENDED'];

export function phaseLabel(phase) {
  return (phase || '').toLowerCase().replaceAll('_', ' ');
}

/** k=v pairs. */
export function labels(map) {
  return Object.entries(map || {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}=${v}`);
}
