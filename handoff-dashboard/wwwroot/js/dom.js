// The pages' one DOM builder and small DOM helpers. Text goes in through textContent / text nodes only:
// shopper and agent text is never parsed as HTML.

/**
 * el('td', { text: 'x', className: 'num', onclick: fn, 'aria-label': '…', attrs: { … } }, child, 'text', …)
 * `text` sets textContent; `className`/`class` the class; `on<event>` functions become listeners; `attrs` and every
 * other key are attributes (true = present, false/null/undefined = absent). Children: nodes, or strings as text.
 */
export function el(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === 'attrs') {
      for (const [name, v] of Object.entries(value || {})) setAttribute(node, name, v);
    } else if (key === 'text') {
      if (value !== undefined && value !== null) node.textContent = String(value);
    } else if (key === 'className' || key === 'class') {
      if (value) node.className = value;
    } else if (key.startsWith('on') && typeof value === 'function') {
      node.addEventListener(key.slice(2), value);
    } else {
      setAttribute(node, key, value);
    }
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

function setAttribute(node, name, value) {
  if (value === undefined || value === null || value === false) return;
  node.setAttribute(name, value === true ? '' : String(value));
}

/** Shows a message in a status element: ok (green) or error (red). */
export function say(target, message, ok) {
  target.textContent = message || '';
  target.className = ok ? 'ok' : 'error';
}

/** Fills a select with values (an optional empty first option) and selects one. */
export function options(select, values, selected, empty) {
  select.replaceChildren();
  if (empty !== undefined) select.append(el('option', { value: '', text: empty }));
  for (const v of values) select.append(el('option', { value: v, text: v, selected: v === selected }));
}

/** document.getElementById */
export const $ = id => document.getElementById(id);
