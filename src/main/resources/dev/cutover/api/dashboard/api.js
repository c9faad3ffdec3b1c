// The HTTP API under /api/v1, called with the session cookie; every change carries the session's CSRF token.

let session = null;
const signedOut = new EventTarget();

/** A refusal of the API: its status and its message (which says what to do). */
export class ApiFailure extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(url, {method = 'GET', body, csrf = method !== 'GET'} = {}) {
  const headers = {Accept: 'application/json'};
  if (csrf && session) headers['X-CSRF-Token'] = session.csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let r;
  try {
    r = await fetch(url, {method, headers, credentials: 'same-origin', cache: 'no-store',
      body: body === undefined ? undefined : JSON.stringify(body)});
  } catch (e) {
    throw new ApiFailure(0, 'the server cannot be reached; check the connection and try again');
  }
  const text = await r.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch (e) {
    json = null;
  }
  if (!r.ok) {
    if (r.status === 401 && url !== '/session') {
      session = null;
      signedOut.dispatchEvent(new CustomEvent('signed-out', {detail: json && json.error}));
    }
    const failure = new ApiFailure(r.status, (json && json.error) || `HTTP ${r.status}`);
    failure.body = json;
    throw failure;
  }
  return json;
}

/** GET, POST... under /api/v1. */
export function api(path, options) {
  return call('/api/v1' + path, options);
}

/** The signed-in session ({name, role, csrf, expiresAt}) or null. */
export async function loadSession() {
  try {
    session = await call('/session');
  } catch (e) {
    if (e.status !== 401) throw e;
    session = null;
  }
  return session;
}

export function current() {
  return session;
}

export async function signIn(token) {
  session = await call('/session', {method: 'POST', body: {token}, csrf: false});
  return session;
}

export async function signOut() {
  try {
    await call('/session', {method: 'DELETE'});
  } finally {
    session = null;
  }
}

/** Calls back when the server says the session has ended (a 401 from the API). */
export function onSignedOut(callback) {
  signedOut.addEventListener('signed-out', e => callback(e.detail));
}

/** Whether the signed-in role may steer cutovers (operator or admin); the server checks the same. */
export function mayAct() {
  return !!session && (session.role === 'operator' || session.role === 'admin');
}
