// Inline SVG charts of one cutover over time, from its journal and its current view: the weights of each record,
// and each gate's verdict.

import {s, h} from './dom.js';
import {time} from './format.js';

const W = 800, PAD_L = 44, PAD_R = 12, PAD_T = 10;

function domain(events, view) {
  const times = events.map(e => Date.parse(e.at));
  for (const t of [view.weightsAt, view.gatesAt]) if (t) times.push(Date.parse(t));
  const t0 = times.length ? Math.min(...times) : Date.now();
  const t1 = times.length ? Math.max(...times) : t0 + 1;
  return {t0, t1: t1 > t0 ? t1 : t0 + 1000};
}

function xOf(d, t) {
  return PAD_L + (W - PAD_L - PAD_R) * (t - d.t0) / (d.t1 - d.t0);
}

function timeAxis(d, y) {
  return [s('line', {x1: PAD_L, y1: y, x2: W - PAD_R, y2: y, class: 'axis'}),
    s('text', {x: PAD_L, y: y + 14, class: 'tick'}, time(new Date(d.t0).toISOString())),
    s('text', {x: W - PAD_R, y: y + 14, class: 'tick end'}, time(new Date(d.t1).toISOString()))];
}

function recordName(p) {
  return `${p.pair.name} ${p.pair.type}`;
}

function awsShare(p) {
  if (!p.heroku || !p.aws) return null;
  const sum = p.heroku.weight + p.aws.weight;
  return sum > 0 ? Math.round(100 * p.aws.weight / sum) : null;
}

/**
 * The split each change made live (change-in-sync), what was sent (change-submitted, hollow), and each record's
 * weights as read last: one step line per record of the AWS weight (Heroku's is 100 minus it).
 */
export function weightsChart(events, view) {
  const H = 200, plotH = H - PAD_T - 30;
  const d = domain(events, view);
  const y = v => PAD_T + plotH * (1 - v / 100);
  const start = events.find(e => e.type === 'preflight-passed');
  let split = start ? start.current : 0;
  const path = [[d.t0, split]];
  const marks = [];
  for (const e of events) {
    const t = Date.parse(e.at);
    if (e.type === 'change-in-sync') {
      path.push([t, split], [t, e.split]);
      split = e.split;
      marks.push(s('circle', {cx: xOf(d, t), cy: y(e.split), r: 3.5, class: 'insync'},
        s('title', {}, `${time(e.at)}: ${e.split}% to AWS live (INSYNC)`)));
    } else if (e.type === 'change-submitted') {
      marks.push(s('circle', {cx: xOf(d, t), cy: y(e.to), r: 4, class: 'submitted'},
        s('title', {}, `${time(e.at)}: ${e.purpose} to ${e.to}% sent (${e.changeId})`)));
    }
  }
  const records = view.weights || [];
  const end = view.weightsAt ? Date.parse(view.weightsAt) : d.t1;
  const lines = (records.length ? records : [null]).map((p, i) => {
    const now = p ? awsShare(p) : null;
    const pts = [...path, [end, split]];
    if (now !== null) pts.push([end, now]);
    const points = pts.map(([t, v]) => `${xOf(d, t).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    return s('polyline', {points, class: `series series-${i % 6}`, 'data-record': p ? recordName(p) : ''});
  });
  const grid = [0, 50, 100].map(v => [
    s('line', {x1: PAD_L, y1: y(v), x2: W - PAD_R, y2: y(v), class: 'grid'}),
    s('text', {x: PAD_L - 6, y: y(v) + 4, class: 'tick end'}, `${v}`)]);
  const svg = s('svg', {viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img',
    'aria-label': 'AWS weight per record over time'},
  grid, timeAxis(d, PAD_T + plotH), lines, marks);
  const legend = h('ul', {class: 'legend'}, records.map((p, i) => h('li', {class: `series-${i % 6}`},
    h('span', {class: 'swatch'}), `${recordName(p)}: heroku ${p.heroku ? p.heroku.weight : 'missing'} · aws `
      + `${p.aws ? p.aws.weight : 'missing'}`)),
  h('li', {class: 'muted'}, 'AWS weight (Heroku\'s is 100 minus it) · ● live (INSYNC) · ○ sent'));
  return h('figure', {class: 'weights'}, svg, legend);
}

/** One row per gate: its verdict from each gates-read event until the next, then the current reading. */
export function gatesChart(events, view) {
  const reads = events.filter(e => e.type === 'gates-read')
    .map(e => ({t: Date.parse(e.at), readings: e.readings}));
  if (view.gates && view.gatesAt) reads.push({t: Date.parse(view.gatesAt), readings: view.gates});
  const names = [...new Set(reads.flatMap(r => r.readings.map(g => g.gate)))];
  if (!names.length) return h('p', {class: 'muted'}, 'No gate has been read yet.');
  const d = domain(events, view);
  const rows = names.map(name => {
    const rects = [];
    reads.forEach((r, k) => {
      const g = r.readings.find(x => x.gate === name);
      if (!g) return;
      const until = k + 1 < reads.length ? reads[k + 1].t : d.t1;
      // in percent of the strip's width: the strips and the time axis below them line up at any width
      const x0 = 100 * (r.t - d.t0) / (d.t1 - d.t0), x1 = Math.max(100 * (until - d.t0) / (d.t1 - d.t0), x0 + .3);
      rects.push(s('rect', {x: `${x0.toFixed(2)}%`, y: 2, width: `${(x1 - x0).toFixed(2)}%`, height: 16, class: `verdict-${g.verdict.toLowerCase()}`},
        s('title', {}, `${name}: ${g.verdict} from ${time(new Date(r.t).toISOString())}: ${g.detail || ''}`)));
    });
    return h('tr', {'data-gate': name}, h('th', {scope: 'row'}, name),
      h('td', {}, s('svg', {class: 'strip', height: 20}, rects)));
  });
  return h('figure', {class: 'gates'},
    h('table', {class: 'strips'}, h('tbody', {}, rows,
      h('tr', {}, h('th', {}), h('td', {}, h('div', {class: 'strip-axis'},
        h('span', {}, time(new Date(d.t0).toISOString())), h('span', {}, time(new Date(d.t1).toISOString()))))))),
    h('ul', {class: 'legend'}, ['healthy', 'inconclusive', 'unknown', 'breached'].map(v =>
      h('li', {class: `verdict-${v}`}, h('span', {class: 'swatch'}), v))));
}
