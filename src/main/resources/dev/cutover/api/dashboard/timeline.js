// The journal in words: one line per event, with its time and who acted.

import {h} from './dom.js';
import {iso, pct, time} from './format.js';

const step = n => `step ${n + 1}`;

/** What the event says, in one line. */
export function summary(e) {
  switch (e.type) {
    case 'started': return `started: steps ${(e.steps || []).map(pct).join(' → ')}`;
    case 'preflight-passed': return `preflight passed at ${pct(e.current)}`
      + (e.warnings && e.warnings.length ? ` (${e.warnings.join('; ')})` : '');
    case 'preflight-failed': return `preflight failed: ${(e.problems || []).join('; ')}`;
    case 'resumed': return `resumed at ${step(e.step)}, ${pct(e.split)}${e.note ? `: ${e.note}` : ''}`;
    case 'approval-requested': return `${step(e.step)} (${pct(e.split)}) waits for approval`;
    case 'approved': return `${step(e.step)} approved`;
    case 'shift-intent': return `${step(e.step)}: shifting ${pct(e.from)} → ${pct(e.to)}`;
    case 'change-submitted': return `Route 53 accepted ${e.purpose} to ${pct(e.to)} (${e.changeId})`;
    case 'change-in-sync': return `${e.changeId} INSYNC: ${pct(e.split)} live`;
    case 'bake-started': return `${step(e.step)} bakes ${iso(e.required)} at ${pct(e.split)}`;
    case 'gates-read': return `gates ${e.overall.toLowerCase()}: `
      + (e.readings || []).map(r => `${r.gate} ${r.verdict.toLowerCase()}`).join(', ');
    case 'step-completed': return `${step(e.step)} done at ${pct(e.split)} after ${iso(e.baked)} healthy`
      + (e.promoted ? ' (promoted)' : '');
    case 'soak-started': return `every step baked: soaking at 100% for ${iso(e.soak)}, every gate watched`;
    case 'soak-progress': return `soaked ${iso(e.soaked)} of ${iso(e.soak)}`;
    case 'operator-request': return `${e.command.toLowerCase()}: ${e.effect}`;
    case 'revert-intent': return `reverting to 100% Heroku (${(e.cause || '').toLowerCase()}): ${e.reason}`;
    case 'revert-failed': return `revert failed: ${e.error}`;
    case 'shift-failed': return `shift failed: ${e.error}`;
    case 'conflict': return `conflict, nothing applied: ${(e.details || []).join('; ')}`;
    case 'drift': return `drift${e.revertedToHeroku ? ' (reverted to Heroku by someone else)' : ''}: `
      + (e.details || []).join('; ');
    case 'finished': return `finished ${(e.outcome || '').toLowerCase().replaceAll('_', ' ')} (exit `
      + `${e.exitCode}): ${e.reason}`;
    case 'lease-taken-over': return `took the lease over from ${e.from}${e.forced ? ' (forced)' : ''}`;
    default: return e.type;
  }
}

/** Who acted: the person or token named in the event, else the controller (or a gate, for a revert). */
export function actor(e) {
  if (e.by) return e.by;
  if (e.type === 'revert-intent' && e.trigger) return e.trigger;
  return 'controller';
}

/** The journal, newest first. */
export function timeline(events) {
  if (!events.length) return h('p', {class: 'muted'}, 'Nothing journalled yet.');
  return h('div', {class: 'table-wrap'}, h('table', {class: 'timeline'},
    h('thead', {}, h('tr', {}, ['Time', 'Event', 'What happened', 'Who'].map(t => h('th', {scope: 'col'}, t)))),
    h('tbody', {}, [...events].reverse().map(e => h('tr', {'data-type': e.type},
      h('td', {class: 'time'}, time(e.at)), h('td', {class: 'event-type'}, e.type), h('td', {}, summary(e)),
      h('td', {class: 'who'}, actor(e)))))));
}
