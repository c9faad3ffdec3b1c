// What an operator can do to one cutover, when, and what exactly will happen: the text of each confirmation
// follows the engine's rules (Decider.onCommand) and the rollback's (FleetRollback).

import {api, mayAct} from './api.js';
import {h} from './dom.js';
import {ENDED, iso, pct, seconds, duration} from './format.js';

const RUNNING = new Set(['READY', 'AWAITING_APPROVAL', 'SHIFTING', 'BAKING', 'PAUSED']);

/** The actions that make sense in this phase, for a role that may act; none for a viewer. */
export function actionsFor(view) {
  if (!mayAct()) return [];
  const byPhase = {
    AWAITING_APPROVAL: ['approve', 'pause'],
    BAKING: ['pause', 'promote'],
    SHIFTING: ['pause'],
    PAUSED: ['resume'],
  };
  const list = [...(byPhase[view.phase] || [])];
  if (RUNNING.has(view.phase)) list.push('abort');
  list.push('rollback');
  return list;
}

export const LABELS = {
  approve: 'Approve', pause: 'Pause', resume: 'Resume', promote: 'Promote', abort: 'Abort', rollback: 'Roll back',
};

function nextStep(view) {
  const i = view.step + 1;
  const t = view.timing && view.timing.steps[i];
  return t ? {number: i + 1, of: view.timing.steps.length, ...t} : null;
}

function batch(lines) {
  return lines && lines.length
    ? h('pre', {class: 'batch'}, lines.join('\n'))
    : h('p', {class: 'muted'}, 'The change batch is computed from the weights read last; none is known yet.');
}

/** {title, body: [nodes], confirm: button text, danger} for the confirmation of `action` on `view`. */
export function confirmation(action, view) {
  const plan = view.plan;
  const bake = view.bake;
  const settle = view.timing ? iso(view.timing.settle) : '–';
  switch (action) {
    case 'approve': {
      const n = nextStep(view);
      return {title: `Approve step ${n.number} of ${n.of} of ${plan}?`, confirm: `Approve step ${n.number}`,
        body: [
          h('p', {}, `At its next tick the controller sends this change batch to Route 53 (zone ${view.zone}), `
            + `moving ${pct(view.split)} → ${pct(n.split)} to AWS:`),
          batch(view.nextChanges),
          h('p', {}, `It waits for INSYNC, then bakes ${iso(n.required)} (max(bake ${iso(n.bake)}, settle `
            + `${settle})) with every gate watched; a breach reverts to 100% Heroku.`)]};
    }
    case 'pause': {
      const what = {
        BAKING: `The bake clock stops at ${bake ? iso(bake.baked) : '–'} of ${bake ? iso(bake.required) : '–'}.`,
        AWAITING_APPROVAL: 'The step stays unapproved; it needs Resume before it can be approved.',
        SHIFTING: 'The change already sent completes; the cutover pauses once Route 53 reports it INSYNC.',
      }[view.phase] || '';
      return {title: `Pause ${plan}?`, confirm: 'Pause', body: [
        h('p', {}, what),
        h('p', {}, `Nothing changes in Route 53: traffic stays at ${pct(view.split)} to AWS. Gates stay watched and `
          + 'a breach still reverts to 100% Heroku. Resume continues from here.')]};
    }
    case 'resume':
      return {title: `Resume ${plan}?`, confirm: 'Resume', body: [
        h('p', {}, bake
          ? `The bake clock runs again from ${iso(bake.baked)} of ${iso(bake.required)}.`
          : 'The cutover continues where it was paused: the step waits for approval again.'),
        h('p', {}, `Nothing changes in Route 53 now; traffic stays at ${pct(view.split)} to AWS.`)]};
    case 'promote': {
      const left = bake ? duration(seconds(bake.required) - seconds(bake.baked)) : '–';
      return {title: `Promote ${plan}?`, confirm: 'Promote', body: [
        h('p', {}, `The rest of this bake (${left} left) is skipped at the next poll on which every gate is `
          + `healthy, but only once the step has baked healthy for at least the DNS settle time (${settle}).`),
        h('p', {}, 'Then the next step starts, or waits for approval if it needs one.')]};
    }
    case 'abort':
      return {title: `Abort ${plan}?`, confirm: `Abort ${plan}`, danger: true, body: [
        h('p', {}, `Every record of ${plan} goes back to Heroku weight 100, AWS weight 0 (one UPSERT for zone `
          + `${view.zone}), then the cutover ends as aborted (exit 5). A new run starts again from step 1.`)]};
    case 'rollback':
      return {title: `Roll back ${plan}?`, confirm: `Roll back ${plan}`, danger: true, body: rollbackText([view])};
    default:
      throw new Error('unknown action ' + action);
  }
}

/** What a rollback of these cutovers does: one UPSERT per zone, now, then each running one aborts. */
export function rollbackText(views) {
  const zones = [...new Set(views.map(v => v.zone))];
  const running = views.filter(v => !ENDED.has(v.phase)).map(v => v.plan);
  return [
    h('p', {}, `Route 53 gets ${zones.length === 1 ? 'one UPSERT change batch' : `${zones.length} UPSERT change `
      + 'batches, one per hosted zone'} now, ahead of every other Route 53 call, setting every record of `
      + `${views.map(v => v.plan).join(', ')} to Heroku weight 100, AWS weight 0: all traffic back on Heroku.`),
    h('p', {}, running.length
      ? `Then ${running.join(', ')} ${running.length === 1 ? 'aborts' : 'abort'} (exit 5).`
      : 'No cutover among them is running; the records are reverted all the same.'),
    h('p', {class: 'muted'}, `Zone${zones.length === 1 ? '' : 's'}: ${zones.join(', ')}.`)];
}

/** Sends the action; resolves to the API's answer. */
export function perform(action, plan) {
  const command = action === 'approve' ? 'resume' : action;
  return api(`/cutovers/${encodeURIComponent(plan)}/${command}`, {method: 'POST'});
}

/** Asks for confirmation in the page's dialog; resolves to true when confirmed. */
export function confirm({title, body, confirm: label, danger}) {
  const dialog = document.getElementById('confirm');
  document.getElementById('confirm-title').textContent = title;
  document.getElementById('confirm-body').replaceChildren(...body);
  const ok = document.getElementById('confirm-ok');
  ok.textContent = label;
  ok.className = danger ? 'danger' : '';
  dialog.returnValue = '';
  dialog.showModal();
  return new Promise(resolve => dialog.addEventListener('close', () => resolve(dialog.returnValue === 'ok'),
    {once: true}));
}
