// One cutover: its state and actions, the bake and settle arithmetic, the next change batch, the weights and
// gates over time, and the journal.

import {h, fill, fillIfChanged} from './dom.js';
import {iso, labels, pct, seconds, time, duration} from './format.js';
import {actionsFor, confirmation, confirm, perform, LABELS} from './actions.js';
import {bakeCell, gateChips, phaseBadge} from './fleet.js';
import {weightsChart, gatesChart} from './chart.js';
import {timeline} from './timeline.js';
import {reportView} from './rollback.js';

const CACHES_AND_METRIC_PERIOD = 120; // seconds: plan/Timing's default on top of maxTtl

function card(title, ...body) {
  return h('section', {class: 'card'}, h('h2', {}, title), ...body);
}

/** settle = maxTtl + client caches + metric period, unless the plan sets it; each step bakes max(bake, settle). */
function arithmetic(view) {
  const t = view.timing;
  const settle = seconds(t.settle), ttl = seconds(t.maxTtl);
  const settleLine = settle === ttl + CACHES_AND_METRIC_PERIOD
    ? `settle ${iso(t.settle)} = maxTtl ${iso(t.maxTtl)} + 60s client caches + one 60s metric period`
    : `settle ${iso(t.settle)}, as the plan sets it (the default would be maxTtl ${iso(t.maxTtl)} + 2m)`;
  const rows = t.steps.map((st, i) => h('tr', {class: i === view.step ? 'current' : ''},
    h('td', {}, `${i + 1}`), h('td', {}, pct(st.split)), h('td', {}, st.approval ? 'yes' : 'no'),
    h('td', {}, iso(st.bake)), h('td', {}, iso(t.settle)),
    h('td', {}, h('strong', {}, iso(st.required)), seconds(st.required) > seconds(st.bake) ? ' (settle)' : '')));
  const b = view.bake;
  const live = b
    ? h('p', {class: 'bake-now'}, `This step: baked ${iso(b.baked)} of ${iso(b.required)} = max(bake, `
      + `${iso(b.settle)} settle); ${duration(Math.max(0, seconds(b.required) - seconds(b.baked)))} left; `
      + (b.running ? 'the clock runs (fresh healthy readings).' : 'the clock is held (not healthy, or paused).'))
    : h('p', {class: 'muted'}, 'Not baking now.');
  return [h('p', {}, settleLine, '. Each step bakes max(its bake, settle) after Route 53 reports INSYNC, counting '
    + 'only time that fresh healthy gate readings cover.'), live,
  h('div', {class: 'table-wrap'}, h('table', {class: 'steps'},
    h('thead', {}, h('tr', {}, ['Step', 'Split', 'Approval', 'Bake', 'Settle', 'Bakes for'].map(x =>
      h('th', {scope: 'col'}, x)))),
    h('tbody', {}, rows)))];
}

/** The buttons of the actions this role may take now; each reads the cutover as it is when pressed. */
function actionBar(bar, view, store, notice) {
  const actions = actionsFor(view);
  fillIfChanged(bar, `${view.plan} ${view.step} ${actions.join(' ')}`, () => actions.map(a => h('button', {
    'data-action': a, class: a === 'abort' || a === 'rollback' ? 'danger' : '',
    onclick: async () => {
      const now = store.views.get(view.plan) || view;
      if (!(await confirm(confirmation(a, now)))) return;
      try {
        const r = await perform(a, now.plan);
        fill(notice, a === 'rollback' ? reportView(r)
          : `${LABELS[a]} delivered by ${r.by} at ${time(r.at)}: the cutover acts on it at its next tick.`);
        notice.className = 'notice ok';
      } catch (e) {
        fill(notice, e.body && e.body.report ? [e.message, reportView(e.body.report)] : e.message);
        notice.className = 'notice error';
      }
    }}, a === 'approve' ? `Approve step ${view.step + 2}` : LABELS[a])));
}

/** Renders the cutover `plan` into main; returns update() for when its view or journal changes. */
export function cutoverPage(main, store, plan) {
  const notice = h('div', {class: 'notice', role: 'status', id: 'notice'});
  const parts = {head: h('div', {}), bar: h('div', {class: 'actions'}), body: h('div', {class: 'cards'})};
  fill(main, h('section', {class: 'cutover'}, h('p', {}, h('a', {href: '/', 'data-nav': true}, '← Fleet')),
    parts.head, parts.bar, notice, parts.body));
  const update = () => {
    const view = store.views.get(plan);
    if (!view) {
      fill(parts.head, h('h1', {}, plan));
      fill(parts.body, h('p', {class: 'muted'}, store.loaded
        ? `No plan named ${plan} runs here.` : 'Loading…'));
      return;
    }
    const events = store.journals.get(plan) || [];
    fill(parts.head,
      h('h1', {}, view.plan, ' ', phaseBadge(view.phase)),
      h('ul', {class: 'chips'}, labels(view.labels).map(l => h('li', {class: 'chip label'}, l))),
      h('p', {class: 'muted meta'}, `zone ${view.zone} · started by ${view.startedBy || '–'} at `
        + `${time(view.submittedAt)}` + (view.exitCode !== null ? ` · exit ${view.exitCode}` : '')),
      view.message ? h('p', {class: 'message'}, view.message) : null);
    actionBar(parts.bar, view, store, notice);
    fill(parts.body,
      card('Progress',
        h('p', {class: 'split-now'}, h('strong', {}, pct(view.split)), ' to AWS',
          view.target !== null && view.target !== view.split ? ` → ${pct(view.target)}` : '',
          view.step >= 0 ? ` · step ${view.step + 1} of ${view.steps.length}` : ''),
        view.bake ? bakeCell(view.bake) : h('p', {class: 'muted'}, 'Not baking now.'), h('h3', {}, 'Gates now'), gateChips(view.gates),
        view.gatesAt ? h('p', {class: 'muted'}, `read at ${time(view.gatesAt)}`) : null),
      card('Bake and settle', ...arithmetic(view)),
      card('Next change batch', view.nextChanges.length
        ? h('pre', {class: 'batch', id: 'next-batch'}, view.nextChanges.join('\n'))
        : h('p', {class: 'muted', id: 'next-batch'}, 'None due: no further step, or the weights are not read yet.')),
      card('Weights per record', weightsChart(events, view)),
      card('Gates over time', gatesChart(events, view)),
      card('Timeline', timeline(events)));
  };
  update();
  return update;
}
