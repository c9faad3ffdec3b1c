// The dashboard: sign-in, the pages (fleet, one cutover, rollback), and live updates from the server-sent events.

import {api, current, loadSession, onSignedOut, signOut} from './api.js';
import {h, fill} from './dom.js';
import {Live} from './live.js';
import {fleetPage} from './fleet.js';
import {cutoverPage} from './cutover.js';
import {rollbackPage} from './rollback.js';
import {signInPage} from './signin.js';

const REFRESH_MS = 3000; // the bake clock advances with each gate poll; its events are journalled only on change

/** What the pages show: each cutover's view, its journal once read, and its last event. */
const store = {views: new Map(), journals: new Map(), last: new Map(), loaded: false};
const main = document.getElementById('view');
let update = () => {};
let timer = null;
const pending = new Set();
let flush = null;

const live = new Live({
  onEvent,
  onState: showConnection,
  onOpen: () => refreshAll().catch(showError),
  beforeRetry: async () => {
    try {
      if (await loadSession()) return true;
    } catch (e) {
      return true; // the server is still out of reach: try again
    }
    signedOut('Your session has ended (the server restarted, or it expired): sign in again.');
    return false;
  },
});

function showConnection(state) {
  const banner = document.getElementById('connection');
  const dot = document.getElementById('live');
  dot.dataset.state = state;
  dot.textContent = {live: '● live', connecting: '○ connecting…', lost: '○ offline', off: ''}[state];
  banner.hidden = state !== 'lost';
  banner.textContent = state === 'lost'
    ? 'Connection to the server lost: reconnecting by itself… What you see may be out of date.' : '';
  document.body.dataset.connection = state;
}

function showError(e) {
  console.warn(e);
}

async function refreshAll() {
  const {cutovers} = await api('/cutovers');
  store.views = new Map(cutovers.map(v => [v.plan, v]));
  store.loaded = true;
  await Promise.all(cutovers.map(v => loadJournal(v.plan)));
  update();
}

async function loadJournal(plan) {
  const {events} = await api(`/cutovers/${encodeURIComponent(plan)}/events`);
  store.journals.set(plan, events);
  if (events.length) store.last.set(plan, events[events.length - 1]);
}

function onEvent(e) {
  store.last.set(e.plan, e);
  const journal = store.journals.get(e.plan);
  if (journal && !journal.some(x => x.at === e.at && x.type === e.type)) journal.push(e);
  pending.add(e.plan);
  clearTimeout(flush);
  flush = setTimeout(refreshPending, 100);
}

async function refreshPending() {
  const plans = [...pending];
  pending.clear();
  await Promise.all(plans.map(async plan => {
    try {
      store.views.set(plan, await api(`/cutovers/${encodeURIComponent(plan)}`));
      if (!store.journals.has(plan)) await loadJournal(plan);
    } catch (e) {
      if (e.status === 404) store.views.delete(plan);
      else showError(e);
    }
  }));
  update();
}

async function refreshViews() {
  if (![...store.views.values()].some(v => v.phase === 'BAKING')) return;
  const {cutovers} = await api('/cutovers');
  store.views = new Map(cutovers.map(v => [v.plan, v]));
  update();
}

function route() {
  const path = location.pathname;
  if (path === '/rollback') {
    document.title = 'Rollback · cutover';
    update = rollbackPage(main, store);
  } else if (path.startsWith('/cutovers/')) {
    const plan = decodeURIComponent(path.slice('/cutovers/'.length));
    document.title = `${plan} · cutover`;
    update = cutoverPage(main, store, plan);
  } else {
    document.title = 'Fleet · cutover';
    update = fleetPage(main, store);
  }
  document.body.dataset.page = path === '/rollback' ? 'rollback' : path.startsWith('/cutovers/') ? 'cutover'
    : 'fleet';
}

function header() {
  const s = current();
  document.getElementById('links').hidden = !s;
  fill(document.getElementById('who'), s ? [h('span', {id: 'who-name'}, s.name), ' · ',
    h('span', {id: 'who-role', class: `role role-${s.role}`}, s.role), ' ',
    h('button', {class: 'secondary small', id: 'signout', onclick: async () => {
      await signOut().catch(showError);
      signedOut('Signed out.');
    }}, 'Sign out')] : []);
}

function start() {
  header();
  route();
  live.start();
  clearInterval(timer);
  timer = setInterval(() => refreshViews().catch(showError), REFRESH_MS);
}

function signedOut(why) {
  live.stop();
  clearInterval(timer);
  store.views.clear();
  store.journals.clear();
  store.last.clear();
  store.loaded = false;
  update = () => {};
  header();
  signInPage(main, start, why);
}

document.addEventListener('click', e => {
  const a = e.target.closest('a[data-nav]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  history.pushState(null, '', a.getAttribute('href'));
  if (current()) route();
});
window.addEventListener('popstate', () => current() && route());
onSignedOut(why => signedOut(why || 'Your session has ended: sign in again.'));

loadSession().then(s => s ? start() : signedOut(null)).catch(e => {
  fill(main, h('p', {class: 'notice error'}, `The server cannot be reached: ${e.message}`));
});
