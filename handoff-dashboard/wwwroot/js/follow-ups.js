import { api } from './api.js';
import { el, say, options, $ } from './dom.js';
import { dateTimeLabel as time } from './format.js';
import { nav } from './nav.js';

(async () => {
  const user = await nav('/follow-ups.html');
  const query = new URLSearchParams(location.search);
  if (query.get('overdue') === 'true') $('filter-overdue').checked = true;

  function actions(item) {
    if (item.status !== 'open') return el('td', { text: '' });
    const cell = el('td', {});
    if (!item.owner) {
      cell.append(el('button', { type: 'button', class: 'secondary', text: '认领', onclick: async () => {
        try { await api('/api/follow-ups/' + encodeURIComponent(item.id) + '/claim', { method: 'POST' }); load(); } catch (e) { say($('list-status'), e.message); }
      } }));
    }
    const result = el('select', { 'aria-label': '结果' });
    options(result, ['满意', '一般', '不满意'], null, '选择结果');
    const notes = el('input', { type: 'text', 'aria-label': '结果备注', placeholder: '备注' });
    const done = el('button', { type: 'button', text: '完成', onclick: async () => {
      try {
        await api('/api/follow-ups/' + encodeURIComponent(item.id) + '/result', { method: 'POST', body: { result: result.value, notes: notes.value } });
        say($('list-status'), '已记录。', true);
        load();
      } catch (e) { say($('list-status'), e.message); }
    } });
    cell.append(result, notes, done);
    return cell;
  }

  async function load() {
    const params = new URLSearchParams({ status: $('filter-status').value });
    if ($('filter-kind').value) params.set('kind', $('filter-kind').value);
    if ($('filter-overdue').checked) params.set('overdue', 'true');
    try {
      const items = await api('/api/follow-ups?' + params);
      $('list').replaceChildren(...items.map((f) => el('tr', {},
        el('td', { text: f.kind === 'case' ? '顾客留言' : '回访' }),
        el('td', { text: [f.subject, f.message, f.notes].filter(Boolean).join('\n'), class: 'pre-wrap' }),
        el('td', { text: [f.customerName, f.contact].filter(Boolean).join('\n'), class: 'pre-wrap' }),
        el('td', { class: f.overdue ? 'overdue' : '', text: time(f.dueAt) + (f.overdue ? '（已逾期）' : '') }),
        el('td', { text: f.ownerName || f.owner || '未认领' }),
        el('td', { text: f.result ? f.result + (f.resultNotes ? '：' + f.resultNotes : '') : '' }),
        actions(f))));
      say($('list-status'), items.length ? '' : '没有待办。', true);
    } catch (e) { say($('list-status'), e.message); }
  }

  $('new-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = {};
    for (const input of ev.target.querySelectorAll('input, textarea')) if (input.value.trim()) body[input.name] = input.value.trim();
    if (body.dueAt) body.dueAt = new Date(body.dueAt).toISOString();
    try {
      await api('/api/follow-ups', { method: 'POST', body });
      say($('new-status'), '已安排。', true);
      ev.target.reset();
      load();
    } catch (e) { say($('new-status'), e.message); }
  });
  for (const id of ['filter-kind', 'filter-status', 'filter-overdue']) $(id).addEventListener('change', load);
  void user;
  await load();
})();
