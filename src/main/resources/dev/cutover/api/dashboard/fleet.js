// The fleet: every cutover with its plan, labels, phase, split and step, bake progress, gates and last event;
// filtered by label and phase (kept in the address, so a filtered view can be shared).

import {h, fill, fillIfChanged} from './dom.js';
import {PHASES, iso, labels, pct, phaseLabel, seconds, time, duration} from './format.js';
import {summary} from './timeline.js';

function filters() {
  const q = new URLSearchParams(location.search);
  return {label: q.getAll('label'), phase: q.get('phase') || ''};
}

function setFilters(f) {
  const q = new URLSearchParams();
  f.label.filter(Boolean).forEach(l => q.append('label', l));
  if (f.phase) q.set('phase', f.phase);
  history.replaceState(null, '', q.toString() ? `/?${q}` : '/');
}

function matches(view, f) {
  if (f.phase && view.phase !== f.phase) return false;
  return f.label.filter(Boolean).every(l => {
    const eq = l.indexOf('=');
    return eq > 0 && (view.labels || {})[l.slice(0, eq).trim()] === l.slice(eq + 1).trim();
  });
}

/** The bake as a bar and the time left; "held" when the clock does not run. */
export function bakeCell(bake) {
  if (!bake) return h('span', {class: 'muted'}, '–');
  const baked = seconds(bake.baked), required = seconds(bake.required);
  const left = Math.max(0, required - baked);
  return h('div', {class: 'bake'},
    h('progress', {max: required || 1, value: Math.min(baked, required || 1),
      'aria-label': `baked ${iso(bake.baked)} of ${iso(bake.required)}`}),
    h('span', {class: 'bake-left'}, `${duration(left)} left`, bake.running ? '' : ' · held'));
}

export function gateChips(gates) {
  if (!gates || !gates.length) return h('span', {class: 'muted'}, 'not read yet');
  return h('ul', {class: 'chips'}, gates.map(g => h('li', {class: `chip verdict-${g.verdict.toLowerCase()}`,
    title: g.detail || '', 'data-gate': g.gate}, `${g.gate}: ${g.verdict.toLowerCase()}`)));
}

export function phaseBadge(phase) {
  return h('span', {class: `phase phase-${phase.toLowerCase()}`, 'data-phase': phase}, phaseLabel(phase));
}

function row(view, last) {
  const steps = view.steps.length;
  return h('tr', {'data-plan': view.plan},
    h('td', {}, h('a', {href: `/cutovers/${encodeURIComponent(view.plan)}`, 'data-nav': true, class: 'plan'},
      view.plan)),
    h('td', {}, h('ul', {class: 'chips'}, labels(view.labels).map(l => h('li', {class: 'chip label'}, l)))),
    h('td', {}, phaseBadge(view.phase)),
    h('td', {class: 'split'}, h('strong', {}, pct(view.split)),
      view.target !== null && view.target !== view.split ? ` → ${pct(view.target)}` : '',
      h('div', {class: 'muted step'}, view.step >= 0 ? `step ${view.step + 1} of ${steps}` : `${steps} steps`)),
    h('td', {}, bakeCell(view.bake)),
    h('td', {}, gateChips(view.gates)),
    h('td', {class: 'last'}, last
      ? [h('span', {class: 'event-type'}, last.type), h('div', {class: 'muted'}, `${time(last.at)} · `
        + summary(last))]
      : h('span', {class: 'muted'}, '–')));
}

/** Renders the fleet into main; returns update(store) to call when the data changes. */
export function fleetPage(main, store) {
  const f = filters();
  const labelInput = h('input', {type: 'search', id: 'label-filter', placeholder: 'team=payments',
    value: f.label.join(', '), 'aria-label': 'filter by label'});
  const phaseSelect = h('select', {id: 'phase-filter', 'aria-label': 'filter by phase'},
    h('option', {value: ''}, 'every phase'),
    PHASES.map(p => h('option', {value: p, selected: p === f.phase}, phaseLabel(p))));
  const body = h('tbody', {});
  const count = h('p', {class: 'muted', id: 'fleet-count'});
  const read = () => ({label: labelInput.value.split(',').map(x => x.trim()).filter(Boolean),
    phase: phaseSelect.value});
  const update = () => {
    const cur = read();
    const all = [...store.views.values()].sort((a, b) => a.plan.localeCompare(b.plan));
    const shown = all.filter(v => matches(v, cur));
    fillIfChanged(body, JSON.stringify(shown.map(v => [v, store.last.get(v.plan)])),
      () => shown.map(v => row(v, store.last.get(v.plan))));
    fill(count, all.length ? `${shown.length} of ${all.length} cutovers` : 'No cutover runs here yet: submit a plan'
      + ' with POST /api/v1/cutovers or start serve with --plans DIR.');
  };
  const changed = () => {
    setFilters(read());
    update();
  };
  labelInput.addEventListener('input', changed);
  phaseSelect.addEventListener('change', changed);
  fill(main, h('section', {class: 'fleet'},
    h('div', {class: 'filters'}, h('label', {}, 'Labels ', labelInput), h('label', {}, 'Phase ', phaseSelect)),
    count,
    h('div', {class: 'table-wrap'}, h('table', {class: 'fleet-table'},
      h('thead', {}, h('tr', {}, ['Plan', 'Labels', 'Phase', 'Split and step', 'Bake', 'Gates', 'Last event']
        .map(t => h('th', {scope: 'col'}, t)))),
      body))));
  update();
  return update;
}
