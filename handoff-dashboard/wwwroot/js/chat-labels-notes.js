// The open chat's labels and private notes. Labels come from the list supervisors manage (labels.html); whoever may
// view the chat sets them. Notes are for agents and supervisors only: they are stored by the dashboard apart from
// the transcript and never sent to the shopper; they show among the lines in their own style (transcript-line.js).
import { api, conversationPath } from './api.js';
import { el, $ } from './dom.js';
import { onComposerReady } from './composer.js';
import { lineFor } from './transcript-line.js';

let current = null;        // the open chat's id
let catalogue = [];        // [{ name, color }]
let chosen = new Set();    // the open chat's labels

async function loadCatalogue() {
  catalogue = await api('/api/labels');
}

function renderLabels() {
  // A label taken off the list stays on the chats that carry it (shown, and can be removed), but cannot be added.
  const names = [...new Set([...catalogue.map(l => l.name), ...chosen])];
  const colors = new Map(catalogue.map(l => [l.name, l.color]));
  $('chat-label-options').replaceChildren(...names.map(name => {
    const box = el('input', { attrs: { type: 'checkbox', value: name } });
    box.checked = chosen.has(name);
    box.addEventListener('change', () => toggle(name, box.checked));
    const swatch = el('span', { className: 'label-swatch' });
    if (colors.get(name)) swatch.style.backgroundColor = colors.get(name);
    return el('label', { className: 'label-chip' + (chosen.has(name) ? ' on' : '') }, box, swatch, document.createTextNode(name));
  }));
  if (!names.length) $('chat-label-options').append(el('span', { className: 'muted', text: '暂无标签（由主管在“会话标签”页添加）' }));
}

async function showLabels(id) {
  $('chat-labels-status').textContent = '';
  chosen = new Set();
  renderLabels();
  try {
    const [, labels] = await Promise.all([loadCatalogue(), api(conversationPath(id) + '/labels')]);
    if (current !== id) return;
    chosen = new Set(labels.labels);
    renderLabels();
  } catch (e) {
    if (current === id) $('chat-labels-status').textContent = e.message;
  }
}

async function toggle(name, on) {
  const id = current;
  const next = new Set(chosen);
  if (on) next.add(name); else next.delete(name);
  $('chat-labels-status').textContent = '保存中…';
  try {
    const saved = await api(conversationPath(id) + '/labels', { method: 'PUT', body: { labels: [...next] } });
    if (current !== id) return;
    chosen = new Set(saved.labels);
    $('chat-labels-status').textContent = '已保存。';
  } catch (e) {
    if (current === id) $('chat-labels-status').textContent = e.message;
  }
  renderLabels();
}

$('note-form').addEventListener('submit', async event => {
  event.preventDefault();
  const input = $('note-input');
  const text = input.value.trim();
  $('note-error').textContent = '';
  if (!text) { $('note-error').textContent = '备注内容不能为空。'; return; }
  const id = current;
  try {
    const note = await api(conversationPath(id) + '/notes', { method: 'POST', body: { text } });
    input.value = '';
    if (current !== id) return;
    const transcript = $('transcript');
    transcript.append(lineFor({ sender: 'note', senderName: `${note.agentName}（内部备注）`, text: note.text, at: note.at }));
    transcript.scrollTop = transcript.scrollHeight;
  } catch (e) {
    $('note-error').textContent = e.message;
  }
});

onComposerReady(composer => {
  composer.onConversationChange(id => {
    current = id;
    $('note-error').textContent = '';
    if (id) showLabels(id);
  });
});
