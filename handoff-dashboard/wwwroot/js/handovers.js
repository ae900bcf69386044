import { api } from './api.js';
import { el, say, $ } from './dom.js';
import { dateTimeLabel as time } from './format.js';
import { nav } from './nav.js';

(async () => {
  await nav('/handovers.html');
  const reasons = { 'after-sales': '售后', complaint: '投诉', human: '要求人工' };

  async function load() {
    try {
      const board = await api('/api/handovers');
      $('notes').replaceChildren(...board.notes.map((n) => el('li', {},
        el('strong', { text: (n.byName || n.by) + ' ' + time(n.at) + '：' }), el('span', { text: n.note, class: 'pre-wrap' }))));
      $('open').replaceChildren(...board.openChats.map((c) => el('tr', {},
        el('td', { text: c.conversationId }), el('td', { text: c.customerName || '' }), el('td', { text: c.agentId || '' }), el('td', { text: time(c.since) }))));
      $('waiting').replaceChildren(...board.waiting.map((c) => el('tr', {},
        el('td', { text: c.conversationId }), el('td', { text: c.customerName || '' }), el('td', { text: reasons[c.reason] || c.reason || '' }), el('td', { text: time(c.escalatedAt) }))));
      $('due').replaceChildren(...[...board.cases, ...board.followUpsDue].map((f) => el('tr', {},
        el('td', { text: f.kind === 'case' ? '顾客留言' : '回访' }),
        el('td', { text: [f.subject, f.message, f.contact].filter(Boolean).join('\n'), class: 'pre-wrap' }),
        el('td', { text: f.ownerName || f.owner || '未认领' }),
        el('td', { class: f.overdue ? 'overdue' : '', text: time(f.dueAt) + (f.overdue ? '（已逾期）' : '') }))));
    } catch (e) { say($('board-status'), e.message); }
  }

  $('write-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      await api('/api/handovers', { method: 'POST', body: { note: $('note').value } });
      $('note').value = '';
      say($('write-status'), '已提交。', true);
      load();
    } catch (e) { say($('write-status'), e.message); }
  });
  await load();
})();
