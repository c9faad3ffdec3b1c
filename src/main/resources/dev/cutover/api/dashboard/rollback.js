// The incident page: put one cutover, or all of them, back on Heroku in one click and a confirmation.
// Made for a phone.

import {api, mayAct, current} from './api.js';
import {h, fill, fillIfChanged} from './dom.js';
import {pct} from './format.js';
import {confirm, rollbackText} from './actions.js';
import {phaseBadge} from './fleet.js';

/** The rollback report: per zone, the change id (or "already on Heroku") or the error. */
export function reportView(report) {
  return h('div', {class: 'report'},
    h('p', {}, report.allApplied ? 'Rolled back: every zone\'s revert was accepted by Route 53.'
      : 'Some zones were NOT rolled back; retry, or run `cutover rollback PLAN` from a machine with AWS access.'),
    h('ul', {}, report.zones.map(z => h('li', {'data-zone': z.zone, class: z.error ? 'error' : 'ok'},
      `${z.zone} (${z.plans.join(', ')}): `, z.error ? `FAILED: ${z.error}`
        : z.changeId ? `change ${z.changeId} sent` : 'already all on Heroku',
      z.warnings && z.warnings.length ? h('div', {class: 'muted'}, z.warnings.join('; ')) : null))));
}

async function rollBack(views, result, all) {
  const title = all ? `Roll back ALL ${views.length} cutovers?` : `Roll back ${views[0].plan}?`;
  const ok = await confirm({title, body: rollbackText(views), danger: true,
    confirm: all ? `Roll back all ${views.length}` : `Roll back ${views[0].plan}`});
  if (!ok) return;
  fill(result, 'Rolling back…');
  result.className = 'notice';
  try {
    const report = all ? await api('/rollback', {method: 'POST', body: {all: true}})
      : await api(`/cutovers/${encodeURIComponent(views[0].plan)}/rollback`, {method: 'POST'});
    fill(result, reportView(report));
    result.className = 'notice ok';
  } catch (e) {
    fill(result, e.message, e.body && e.body.report ? reportView(e.body.report) : null);
    result.className = 'notice error';
  }
}

/** Renders the rollback page into main; returns update() for when the fleet changes. */
export function rollbackPage(main, store) {
  const result = h('div', {class: 'notice', role: 'status', id: 'rollback-result'});
  const list = h('div', {class: 'rollback-list'});
  const allButton = h('div', {});
  fill(main, h('section', {class: 'rollback'},
    h('h1', {}, 'Roll back to Heroku'),
    h('p', {}, 'Puts 100% of traffic back on Heroku at once: one UPSERT per hosted zone, ahead of every other '
      + 'Route 53 call, whether or not the cutover is still running.'),
    allButton, result, list));
  const sorted = () => [...store.views.values()].sort((a, b) => a.plan.localeCompare(b.plan));
  const update = () => {
    const views = sorted();
    const act = mayAct();
    fillIfChanged(allButton, `${act} ${views.length}`, () => act
      ? h('button', {class: 'danger big', id: 'rollback-all', disabled: !views.length,
        onclick: () => rollBack(sorted(), result, true)}, `Roll back all ${views.length} cutovers`)
      : h('p', {class: 'notice error', id: 'not-allowed'}, `Your role (${current().role}) cannot roll back. `
        + 'Ask an operator, or run `cutover rollback PLAN` from a machine with AWS access.'));
    fillIfChanged(list, JSON.stringify([act, views.map(v => [v.plan, v.phase, v.split, v.zone])]), () =>
      views.length ? views.map(v => h('div', {class: 'rollback-item', 'data-plan': v.plan},
        h('div', {}, h('strong', {}, v.plan), ' ', phaseBadge(v.phase),
          h('div', {class: 'muted'}, `${pct(v.split)} to AWS · zone ${v.zone}`)),
        act ? h('button', {class: 'danger', 'data-rollback': v.plan,
          onclick: () => rollBack([store.views.get(v.plan) || v], result, false)}, 'Roll back') : null))
        : h('p', {class: 'muted'}, 'No cutover here.'));
  };
  update();
  return update;
}
