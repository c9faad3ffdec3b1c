// Sign-in: a token of `cutover token create`, or a JWT of the company's identity provider, pasted here.

import {signIn} from './api.js';
import {h, fill} from './dom.js';

/** Renders the sign-in form; onSignedIn() runs once the server opened a session. */
export function signInPage(main, onSignedIn, why) {
  const input = h('textarea', {id: 'token', name: 'token', rows: 3, autocomplete: 'off', spellcheck: 'false',
    required: true, placeholder: 'cutover_… or eyJ…'});
  const error = h('p', {class: 'notice error', id: 'signin-error', hidden: !why}, why || '');
  const form = h('form', {class: 'signin', id: 'signin'},
    h('h1', {}, 'Sign in'),
    h('label', {for: 'token'}, 'Token or JWT'), input,
    h('p', {class: 'muted'}, 'A token from `cutover token create NAME --role viewer|operator|admin`, or a JWT '
      + 'of your identity provider (when the server accepts them). The browser keeps only a session cookie; the '
      + 'token is not stored.'),
    error,
    h('button', {type: 'submit', id: 'signin-button'}, 'Sign in'));
  form.addEventListener('submit', async ev => {
    ev.preventDefault();
    error.hidden = true;
    try {
      await signIn(input.value.trim());
      input.value = '';
      onSignedIn();
    } catch (e) {
      fill(error, e.message);
      error.hidden = false;
    }
  });
  fill(main, form);
  input.focus();
}
