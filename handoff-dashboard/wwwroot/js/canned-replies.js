// Canned replies in the composer. Attaches to any page that has a textarea #composer-input
// (and, if present, a side panel #phrase-panel):
//   - typing "/" opens a list filtered as you type (shortcut, title, text, pinyin initials; most used first),
//     arrow keys + Enter/Tab insert, Escape closes;
//   - the side panel lists phrases by category plus reply-assist suggestions;
//   - variables {客户称呼} {订单号} {客服工号} {店铺名} are filled from the chat context; anything left
//     unfilled is shown to the agent and send is refused until it is replaced (never sent raw);
//   - the draft is checked for forbidden phrases (warns, offers the nearest polite reply);
//   - every change to the phrase list (on any dashboard instance) arrives over SSE and the lists refresh.
// All phrase and shopper text is rendered with textContent, never as HTML.
//
// Module API (import { cannedReplies } from './canned-replies.js'):
//   setContext({customerName, orderNumber, agentNumber, shopName})   chat context for variables
//   assist(shopperText)                                               reply-assist suggestions into the panel
//   checkBeforeSend(text) -> Promise<{ok, unfilled, hits, suggestion}> call on send; {ok:false} = show the warning
//   fill(text) -> {text, unfilled}
//   takeAttachment() -> {id, name, contentType} | null  the file of the inserted canned reply, to send with the draft (then cleared)
// Context can also come from data-* attributes on #composer-input (data-customer-name, data-order-number,
// data-agent-number, data-shop-name).
import { api } from './api.js';
import { el } from './dom.js';

const VARIABLES = { '客户称呼': 'customerName', '订单号': 'orderNumber', '客服工号': 'agentNumber', '店铺名': 'shopName' };
const PLACEHOLDER = /\{([^{}\s]{1,20})\}/g;

let composer = null;
let panel = null;
let popup = null;
let notice = null;
let warning = null;
let explicitContext = {};
let popupItems = [];
let popupIndex = 0;
let slash = null; // {start, end} of the "/query" being typed
let searchSeq = 0;
let checkTimer = 0;
let list = { categories: [], items: [] };
let lastAssistText = null;
let pendingAttachment = null; // the file of the last inserted canned reply: { id, name, contentType }
let attachmentChip = null;
const openCategories = new Set();

export const cannedReplies = {
  setContext(ctx) { explicitContext = Object.assign({}, explicitContext, ctx || {}); },
  fill,
  assist,
  checkBeforeSend,
  refresh: loadList,
  takeAttachment() { const a = pendingAttachment; setAttachment(null); return a; },
  /** Milliseconds from the last keystroke to the popup being redrawn (for the browser test). */
  lastPopupLatencyMs: null,
};
function context() {
  const d = composer ? composer.dataset : {};
  return Object.assign({
    customerName: d.customerName, orderNumber: d.orderNumber, agentNumber: d.agentNumber, shopName: d.shopName,
  }, explicitContext);
}

function fill(text) {
  const ctx = context();
  const unfilled = [];
  const out = text.replace(PLACEHOLDER, (m, name) => {
    const key = VARIABLES[name];
    const value = key ? ctx[key] : null;
    if (value === undefined || value === null || String(value).trim() === '') {
      if (!unfilled.includes(name)) unfilled.push(name);
      return m;
    }
    return String(value).trim();
  });
  return { text: out, unfilled };
}

function placeholdersIn(text) {
  const names = [];
  for (const m of text.matchAll(PLACEHOLDER)) if (!names.includes(m[1])) names.push(m[1]);
  return names;
}

// ---- slash popup ------------------------------------------------------------------------------

function findSlash() {
  const caret = composer.selectionStart;
  const before = composer.value.slice(0, caret);
  const i = before.lastIndexOf('/');
  if (i < 0) return null;
  const query = before.slice(i + 1);
  if (/\s/.test(query) || query.length > 20) return null;
  // "/" must start the draft or follow whitespace, so URLs and dates don't open the list.
  if (i > 0 && !/\s/.test(before[i - 1])) return null;
  return { start: i, end: caret, query };
}

async function onInput() {
  const typedAt = performance.now();
  scheduleCheck();
  slash = findSlash();
  if (!slash) { closePopup(); return; }
  const seq = ++searchSeq;
  let items;
  try { items = await api('/api/canned-replies/search?limit=8&q=' + encodeURIComponent(slash.query)); } catch { return; }
  if (seq !== searchSeq || !slash) return;
  renderPopup(items);
  cannedReplies.lastPopupLatencyMs = performance.now() - typedAt;
  popup.dataset.query = slash.query;
  popup.dataset.latencyMs = String(cannedReplies.lastPopupLatencyMs);
}

function ensurePopup() {
  if (popup) return popup;
  popup = el('ul', { id: 'canned-reply-popup', role: 'listbox', 'aria-label': '快捷回复', className: 'canned-popup' });
  popup.hidden = true;
  composer.insertAdjacentElement('beforebegin', popup);
  return popup;
}

function renderPopup(items) {
  ensurePopup();
  popupItems = items;
  popupIndex = 0;
  popup.replaceChildren();
  if (items.length === 0) {
    popup.appendChild(el('li', { className: 'canned-popup-empty', 'aria-disabled': 'true' }, '没有匹配的快捷回复'));
  }
  items.forEach((item, i) => {
    const li = el('li', { role: 'option', id: 'canned-option-' + i, 'data-id': item.id, className: 'canned-option' });
    li.appendChild(el('span', { className: 'canned-option-shortcut' }, item.shortcut || ''));
    li.appendChild(el('span', { className: 'canned-option-title' }, item.title));
    li.appendChild(el('span', { className: 'canned-option-text' }, item.text));
    const mark = attachmentMark(item);
    if (mark) li.appendChild(mark);
    li.addEventListener('mousedown', (e) => { e.preventDefault(); insert(item, slash); });
    popup.appendChild(li);
  });
  popup.hidden = false;
  highlight();
}

function highlight() {
  [...popup.querySelectorAll('[role=option]')].forEach((li, i) => li.setAttribute('aria-selected', String(i === popupIndex)));
  composer.setAttribute('aria-activedescendant', popupItems.length ? 'canned-option-' + popupIndex : '');
}

function closePopup() {
  searchSeq++;
  slash = null;
  if (popup) { popup.hidden = true; popup.replaceChildren(); }
  popupItems = [];
  composer.removeAttribute('aria-activedescendant');
}

function onKeyDown(e) {
  if (!popup || popup.hidden || popupItems.length === 0) {
    if (e.key === 'Escape' && popup && !popup.hidden) closePopup();
    return;
  }
  if (e.key === 'ArrowDown') { popupIndex = (popupIndex + 1) % popupItems.length; highlight(); e.preventDefault(); }
  else if (e.key === 'ArrowUp') { popupIndex = (popupIndex - 1 + popupItems.length) % popupItems.length; highlight(); e.preventDefault(); }
  else if (e.key === 'Enter' || e.key === 'Tab') { e.preventDefault(); e.stopImmediatePropagation(); insert(popupItems[popupIndex], slash); }
  else if (e.key === 'Escape') { e.preventDefault(); closePopup(); }
}

// ---- insertion --------------------------------------------------------------------------------

// ---- the file a canned reply carries -----------------------------------------------------------

function setAttachment(attachment) {
  pendingAttachment = attachment;
  if (!composer) return;
  if (!attachmentChip) {
    attachmentChip = el('div', { id: 'canned-attachment', className: 'canned-attachment', role: 'status' });
    composer.insertAdjacentElement('afterend', attachmentChip);
  }
  attachmentChip.replaceChildren();
  attachmentChip.hidden = !attachment;
  if (!attachment) return;
  attachmentChip.appendChild(el('span', {}, '随回复发送附件：' + attachment.name));
  const remove = el('button', { type: 'button', className: 'secondary', title: '不发送这个附件' }, '移除');
  remove.addEventListener('click', () => { setAttachment(null); composer.focus(); });
  attachmentChip.appendChild(remove);
}

function attachmentMark(item) {
  return item.attachment ? el('small', { className: 'canned-has-attachment', title: item.attachment.name }, ' 附件') : null;
}

function insert(item, range) {
  if (item.attachment) setAttachment({ id: item.id, name: item.attachment.name, contentType: item.attachment.contentType });
  const filled = fill(item.text);
  const start = range ? range.start : composer.selectionStart;
  const end = range ? range.end : composer.selectionEnd;
  composer.value = composer.value.slice(0, start) + filled.text + composer.value.slice(end);
  const caret = start + filled.text.length;
  composer.setSelectionRange(caret, caret);
  composer.focus();
  closePopup();
  showUnfilled(placeholdersIn(composer.value));
  composer.dispatchEvent(new Event('canned-reply-inserted', { bubbles: true }));
  scheduleCheck();
  if (item.id) api('/api/canned-replies/' + encodeURIComponent(item.id) + '/use', { method: 'POST' }).catch(() => {});
}

function ensureNotice() {
  if (notice) return notice;
  notice = el('div', { id: 'canned-unfilled', role: 'status', className: 'canned-unfilled' });
  notice.hidden = true;
  composer.insertAdjacentElement('afterend', notice);
  return notice;
}

function showUnfilled(names) {
  ensureNotice();
  if (names.length === 0) { notice.hidden = true; notice.textContent = ''; return; }
  notice.textContent = '还有变量未填写：' + names.map(n => '{' + n + '}').join('、') + '，请手动补全后再发送。';
  notice.hidden = false;
}

// ---- forbidden-phrase check -------------------------------------------------------------------

function scheduleCheck() {
  clearTimeout(checkTimer);
  checkTimer = setTimeout(() => { check(composer.value, false).then(renderWarning).catch(() => {}); }, 300);
}

async function check(text, sending) {
  if (!text.trim()) return { clean: true, hits: [], suggestion: null };
  return api('/api/phrase-check', { method: 'POST', body: { text, sending } });
}

function ensureWarning() {
  if (warning) return warning;
  warning = el('div', { id: 'phrase-warning', role: 'alert', className: 'phrase-warning' });
  warning.hidden = true;
  (notice || ensureNotice()).insertAdjacentElement('afterend', warning);
  return warning;
}

function renderWarning(result) {
  ensureWarning();
  if (!result || result.clean) { warning.hidden = true; warning.replaceChildren(); return; }
  warning.replaceChildren();
  const phrases = result.hits.map(h => '“' + h.phrase + '”').join('、');
  warning.appendChild(el('p', { className: 'phrase-warning-title' }, '草稿里有不宜对顾客说的话：' + phrases));
  const hints = result.hits.filter(h => h.hint).map(h => h.hint);
  if (hints.length) warning.appendChild(el('p', { className: 'phrase-warning-hint' }, '建议：' + hints.join('；')));
  if (result.suggestion) {
    const s = result.suggestion;
    const box = el('div', { className: 'phrase-warning-suggestion' });
    box.appendChild(el('span', {}, '可以改用：' + s.title + ' — '));
    box.appendChild(el('span', { className: 'phrase-warning-suggestion-text' }, fill(s.text).text));
    const use = el('button', { type: 'button', className: 'phrase-warning-use' }, '换成这句');
    use.addEventListener('click', () => {
      composer.value = '';
      insert(s, { start: 0, end: 0 });
    });
    box.appendChild(use);
    warning.appendChild(box);
  }
  warning.hidden = false;
}

/** Call before sending. ok=false: unfilled variables (never send) or flagged phrases (warned; send again to confirm). */
async function checkBeforeSend(text) {
  const unfilled = placeholdersIn(text);
  showUnfilled(unfilled);
  if (unfilled.length) return { ok: false, unfilled, hits: [], suggestion: null };
  let result;
  try { result = await check(text, true); } catch (e) { return { ok: true, unfilled: [], hits: [], suggestion: null }; }
  renderWarning(result);
  return { ok: result.clean, unfilled: [], hits: result.hits, suggestion: result.suggestion };
}

// ---- side panel -------------------------------------------------------------------------------

async function loadList() {
  try { list = await api('/api/canned-replies'); } catch { return; }
  renderPanel();
  if (slash) onInput();
}

function renderPanel() {
  if (!panel) return;
  let section = panel.querySelector('#canned-panel-list');
  if (!section) {
    section = el('section', { id: 'canned-panel-list', 'aria-label': '快捷回复分类' });
    panel.appendChild(section);
  }
  section.replaceChildren(el('h3', {}, '快捷回复'));
  for (const category of list.categories) {
    const items = list.items.filter(i => i.category === category);
    if (!items.length) continue;
    const details = el('details', { className: 'canned-category', 'data-category': category });
    // Keep what the agent opened when the list is redrawn after a change.
    details.open = openCategories.has(category);
    details.addEventListener('toggle', () => { if (details.open) openCategories.add(category); else openCategories.delete(category); });
    details.appendChild(el('summary', {}, category + '（' + items.length + '）'));
    const ul = el('ul', {});
    for (const item of items) {
      const li = el('li', {});
      const b = el('button', { type: 'button', className: 'canned-panel-item', title: item.text, 'data-id': item.id }, item.title);
      if (item.shortcut) b.appendChild(el('small', {}, ' ' + item.shortcut));
      const mark = attachmentMark(item);
      if (mark) b.appendChild(mark);
      b.addEventListener('click', () => insert(item, null));
      li.appendChild(b);
      ul.appendChild(li);
    }
    details.appendChild(ul);
    section.appendChild(details);
  }
}

async function assist(shopperText) {
  lastAssistText = shopperText;
  if (!panel || !shopperText || !shopperText.trim()) return null;
  let box = panel.querySelector('#reply-assist');
  if (!box) {
    box = el('section', { id: 'reply-assist', 'aria-label': '回复助手' });
    panel.insertBefore(box, panel.firstChild);
  }
  let result;
  try { result = await api('/api/canned-replies/assist?text=' + encodeURIComponent(shopperText)); } catch { return null; }
  if (lastAssistText !== shopperText) return null;
  box.replaceChildren(el('h3', {}, '回复助手'));
  const ul = el('ul', {});
  for (const item of result.replies) {
    const li = el('li', {});
    const b = el('button', { type: 'button', className: 'assist-reply', 'data-id': item.id }, item.title);
    b.addEventListener('click', () => insert(item, null));
    li.appendChild(b);
    li.appendChild(el('p', { className: 'assist-preview' }, fill(item.text).text));
    ul.appendChild(li);
  }
  if (result.faq) {
    const li = el('li', { className: 'assist-faq' });
    const b = el('button', { type: 'button', className: 'assist-faq-insert' }, '知识库：' + (result.faq.title || '相关问答'));
    b.addEventListener('click', () => insert({ id: '', text: result.faq.answer }, null));
    li.appendChild(b);
    li.appendChild(el('p', { className: 'assist-preview' }, result.faq.answer));
    ul.appendChild(li);
  }
  box.appendChild(ul);
  if (result.note) box.appendChild(el('p', { className: 'assist-note' }, result.note));
  return result;
}

// ---- live updates -----------------------------------------------------------------------------

function listen() {
  const source = new EventSource('/api/canned-replies/events');
  source.addEventListener('changed', () => { loadList(); });
  // EventSource reconnects by itself; after a reconnect refetch in case something was missed.
  source.addEventListener('ready', () => { loadList(); });
}

function attach() {
  composer = document.getElementById('composer-input');
  if (!composer || composer.dataset.cannedAttached) return;
  composer.dataset.cannedAttached = '1';
  panel = document.getElementById('phrase-panel');
  composer.setAttribute('aria-autocomplete', 'list');
  composer.setAttribute('aria-controls', 'canned-reply-popup');
  ensurePopup();
  ensureNotice();
  ensureWarning();
  composer.addEventListener('input', onInput);
  composer.addEventListener('keydown', onKeyDown, true);
  composer.addEventListener('blur', () => setTimeout(() => { if (document.activeElement !== composer) closePopup(); }, 150));
  listen();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', attach); else attach();
