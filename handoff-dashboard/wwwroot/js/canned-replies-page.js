// The canned-replies management page: the list by category, the edit form with its file, import, and (admins) the
// forbidden-phrase list.
import { api, ApiError } from './api.js';
import { el, $ } from './dom.js';
import { currentUser } from './nav.js';

let me = null;
let state = { categories: [], items: [], managesTeam: false };

// The page shows a failed call's field errors beside the inputs, so failures come back as values here.
async function call(path, options) {
  try {
    return { ok: true, data: await api(path, options) };
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    return { ok: false, status: e.status, data: e.data && typeof e.data === 'object' ? e.data : { title: e.message } };
  }
}

async function load() {
  try { state = await api('/api/canned-replies'); } catch { return; }
  render();
}

function render() {
  $('category-list').replaceChildren(...state.categories.map(c => el('option', { value: c })));
  $('f-scope').querySelector('option[value=Team]').disabled = !state.managesTeam;
  const root = $('reply-list');
  root.replaceChildren();
  for (const category of state.categories) {
    const items = state.items.filter(i => i.category === category);
    if (!items.length) continue;
    const section = el('section', { className: 'category-block', 'data-category': category });
    section.appendChild(el('h3', {}, category));
    const ul = el('ul', { className: 'reply-rows' });
    items.forEach((item, index) => {
      const li = el('li', { className: 'reply-row', 'data-id': item.id });
      const head = el('div', { className: 'reply-row-head' });
      head.appendChild(el('strong', { className: 'reply-title' }, item.title));
      if (item.shortcut) head.appendChild(el('code', { className: 'reply-shortcut' }, item.shortcut));
      head.appendChild(el('span', { className: 'badge' }, item.scope === 'Team' ? '团队' : '我的'));
      head.appendChild(el('span', { className: 'usage' }, '已用 ' + item.usageCount + ' 次'));
      li.appendChild(head);
      li.appendChild(el('p', { className: 'reply-text' }, item.text));
      if (item.attachment) {
        const file = el('a', { className: 'reply-attachment', href: '/api/canned-replies/' + encodeURIComponent(item.id) + '/attachment', target: '_blank', rel: 'noopener' },
          '附件：' + item.attachment.name);
        li.appendChild(file);
      }
      if (item.editable) {
        const actions = el('div', { className: 'reply-actions' });
        const up = el('button', { type: 'button', 'aria-label': '上移 ' + item.title }, '↑');
        up.disabled = index === 0;
        up.addEventListener('click', () => move(items, index, -1));
        const down = el('button', { type: 'button', 'aria-label': '下移 ' + item.title }, '↓');
        down.disabled = index === items.length - 1;
        down.addEventListener('click', () => move(items, index, 1));
        const edit = el('button', { type: 'button', 'aria-label': '编辑 ' + item.title }, '编辑');
        edit.addEventListener('click', () => startEdit(item));
        const del = el('button', { type: 'button', 'aria-label': '删除 ' + item.title }, '删除');
        del.addEventListener('click', () => remove(item));
        actions.append(up, down, edit, del);
        li.appendChild(actions);
      }
      ul.appendChild(li);
    });
    section.appendChild(ul);
    root.appendChild(section);
  }
}

async function move(items, index, delta) {
  const ids = items.filter(i => i.editable).map(i => i.id);
  const from = ids.indexOf(items[index].id);
  const to = from + delta;
  if (to < 0 || to >= ids.length) return;
  [ids[from], ids[to]] = [ids[to], ids[from]];
  const r = await call('/api/canned-replies/order', { method: 'PUT', body: { ids } });
  if (!r.ok) $('form-status').textContent = '调整顺序失败：' + (r.data.title || r.status);
  await load();
}

function clearErrors() {
  document.querySelectorAll('.field .field-error').forEach(e => { e.textContent = ''; });
  document.querySelectorAll('[aria-invalid]').forEach(e => e.removeAttribute('aria-invalid'));
}

function showErrors(problem) {
  clearErrors();
  const errors = problem.errors || {};
  let shown = false;
  for (const [field, messages] of Object.entries(errors)) {
    const target = $('error-' + field);
    if (target) {
      target.textContent = messages.join(' ');
      const input = $('f-' + field);
      if (input) input.setAttribute('aria-invalid', 'true');
      shown = true;
    }
  }
  $('form-status').textContent = shown ? '请修改标红的字段。' : (problem.title || '保存失败');
}

function startEdit(item) {
  $('form-heading').textContent = '编辑快捷回复';
  $('f-id').value = item.id;
  $('f-scope').value = item.scope;
  $('f-scope').disabled = true;
  $('f-kind').value = item.kind;
  $('f-category').value = item.category;
  $('f-title').value = item.title;
  $('f-shortcut').value = item.shortcut || '';
  $('f-text').value = item.text;
  $('f-file').value = '';
  $('f-file-current').textContent = item.attachment ? '现有附件：' + item.attachment.name : '';
  $('f-file-remove').checked = false;
  $('f-file-remove-label').hidden = !item.attachment;
  clearErrors();
  $('f-title').focus();
}

function resetForm() {
  $('reply-form').reset();
  $('f-id').value = '';
  $('f-scope').disabled = false;
  $('form-heading').textContent = '新建快捷回复';
  $('f-file-current').textContent = '';
  $('f-file-remove-label').hidden = true;
  clearErrors();
}

async function remove(item) {
  if (!confirm('确定删除“' + item.title + '”？')) return;
  const r = await call('/api/canned-replies/' + encodeURIComponent(item.id), { method: 'DELETE' });
  $('form-status').textContent = r.ok ? '已删除' : '删除失败：' + (r.data.title || r.status);
  await load();
}

$('reply-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  const id = $('f-id').value;
  const body = {
    scope: $('f-scope').value, kind: $('f-kind').value, category: $('f-category').value,
    title: $('f-title').value, shortcut: $('f-shortcut').value, text: $('f-text').value,
  };
  const r = id ? await call('/api/canned-replies/' + encodeURIComponent(id), { method: 'PUT', body })
               : await call('/api/canned-replies', { method: 'POST', body });
  if (!r.ok) { showErrors(r.data); return; }
  // The file goes up once the reply is saved (a new reply needs its id first).
  const saved = r.data;
  const file = $('f-file').files[0];
  let attached = null;
  if (file) {
    const form = new FormData();
    form.append('file', file, file.name);
    attached = await call('/api/canned-replies/' + encodeURIComponent(saved.id) + '/attachment', { method: 'PUT', body: form });
  } else if ($('f-file-remove').checked) {
    attached = await call('/api/canned-replies/' + encodeURIComponent(saved.id) + '/attachment', { method: 'DELETE' });
  }
  if (attached && !attached.ok) {
    await load();
    startEdit(state.items.find(i => i.id === saved.id) || saved);
    showErrors(attached.data);
    return;
  }
  resetForm(); $('form-status').textContent = '已保存'; await load();
});
$('f-cancel').addEventListener('click', resetForm);

$('import-go').addEventListener('click', async () => {
  const file = $('import-file').files[0];
  $('import-errors').replaceChildren();
  if (!file) { $('import-result').textContent = '请先选择文件。'; return; }
  const csv = /\.csv$/i.test(file.name);
  const upload = new Blob([await file.arrayBuffer()], { type: csv ? 'text/csv' : 'application/json' });
  const r = await call('/api/canned-replies/import?format=' + (csv ? 'csv' : 'json'), { method: 'POST', body: upload });
  const body = r.data;
  if (r.ok) { $('import-result').textContent = '导入完成：新增 ' + body.created + ' 条，更新 ' + body.updated + ' 条。'; await load(); return; }
  $('import-result').textContent = body.title || '导入失败';
  for (const [field, messages] of Object.entries(body.errors || {})) {
    const m = /^items\[(\d+)\]\.(\w+)$/.exec(field);
    $('import-errors').appendChild(el('li', {}, (m ? '第 ' + m[1] + ' 条（' + m[2] + '）：' : '') + messages.join(' ')));
  }
});

async function loadPhrases() {
  let phrases;
  try { phrases = await api('/api/phrase-check/phrases'); } catch { return; }
  $('phrases-text').value = phrases.map(p => [p.phrase, p.severity, p.suggestCategory || '', p.hint || ''].join(',')).join('\n');
}
$('phrases-save').addEventListener('click', async () => {
  const phrases = $('phrases-text').value.split('\n').map(l => l.trim()).filter(Boolean).map(l => {
    const [phrase, severity, suggestCategory, ...hint] = l.split(',');
    return { phrase, severity: severity || 'Forbidden', suggestCategory: suggestCategory || null, hint: hint.join(',') || null };
  });
  const r = await call('/api/phrase-check/phrases', { method: 'PUT', body: { phrases } });
  const body = r.data;
  $('phrases-status').textContent = r.ok ? '已保存 ' + body.length + ' 条'
    : Object.values(body.errors || {}).flat().join(' ') || body.title || '保存失败';
});

(async () => {
  me = await currentUser();
  $('manage').hidden = false;
  await load();
  if (me.roles.includes('admin')) { $('phrases-section').hidden = false; await loadPhrases(); }
  // Changes made anywhere (another tab, another dashboard instance) arrive here within a second.
  new EventSource('/api/canned-replies/events').addEventListener('changed', load);
})();
