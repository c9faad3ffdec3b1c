// Building the page with the DOM only: text always goes in as text, never as HTML.

const SVG = 'http://www.w3.org/2000/svg';

function build(el, attrs, children) {
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** An HTML element: h('a', {href: '/', class: 'x'}, 'text', child, [more]). */
export function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, as h. */
export function s(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  return build(el, {}, children);
}

const keys = new WeakMap();

/**
 * Fills el with render() only when key differs from the last fill: a button or link the user is pressing is not
 * replaced under the pointer by an update that changes nothing about it.
 */
export function fillIfChanged(el, key, render) {
  if (keys.get(el) === key) return;
  keys.set(el, key);
  fill(el, render());
}
