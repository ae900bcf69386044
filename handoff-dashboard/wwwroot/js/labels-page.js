// The label list: everyone reads it; supervisors (and admins) add and delete labels. The API checks the role too.
import { api } from './api.js';
import { el, $ } from './dom.js';

let manager = false;

async function refresh() {
  const labels = await api('/api/labels');
  $('label-rows').replaceChildren(...labels.map(label => {
    const swatch = el('span', { className: 'label-swatch' });
    if (label.color) swatch.style.backgroundColor = label.color;
    const cells = [el('td', { text: label.name }), el('td', {}, swatch, document.createTextNode(' ' + (label.color || '—'))), el('td', { text: label.createdBy })];
    const actions = el('td');
    if (manager) {
      const remove = el('button', { className: 'secondary', text: '删除', attrs: { type: 'button', 'aria-label': '删除标签 ' + label.name } });
      remove.addEventListener('click', async () => {
        if (!confirm(`删除标签“${label.name}”？已打过此标签的会话会保留它。`)) return;
        try {
          await api('/api/labels/' + encodeURIComponent(label.name), { method: 'DELETE' });
          $('label-status').textContent = '已删除。';
          await refresh();
        } catch (e) { $('label-status').textContent = e.message; }
      });
      actions.append(remove);
    }
    return el('tr', { attrs: { 'data-label': label.name } }, ...cells, actions);
  }));
  if (!labels.length) $('label-rows').append(el('tr', {}, el('td', { className: 'muted', text: '暂无标签', attrs: { colspan: '4' } })));
}

$('label-form').addEventListener('submit', async event => {
  event.preventDefault();
  try {
    await api('/api/labels', { method: 'POST', body: { name: $('label-name').value, color: $('label-color').value } });
    $('label-name').value = '';
    $('label-status').textContent = '已添加。';
    await refresh();
  } catch (e) { $('label-status').textContent = e.message; }
});

async function start() {
  const me = await api('/api/auth/me');
  manager = me.roles.includes('supervisor') || me.roles.includes('admin');
  $('label-form').hidden = !manager;
  await refresh();
  document.body.dataset.ready = 'true';
}

start().catch(e => { $('label-status').textContent = e.message; });
