// The customers page: my customers with the seven-day due list, search, the profile panel, and (supervisors) follow-up programmes.
import { api } from './api.js';
import { el, $, say } from './dom.js';
import { mountCustomerPanel } from './customer-panel.js';
import { nav, isSupervisor } from './nav.js';

const day = v => (v ? new Date(v).toLocaleDateString('zh-CN') : '—');
const user = await nav('/customers.html');
const supervisor = isSupervisor(user);
const panel = mountCustomerPanel($('customer-panel'), { supervisor, onChange: () => { loadMine(); } });


function open(id) {
  panel.show(id);
  history.replaceState(null, '', '#' + encodeURIComponent(id));
}

function row(cells, id, overdue) {
  const tr = el('tr', { className: 'clickable' + (overdue ? ' overdue' : ''), attrs: { 'data-customer': id, tabindex: '0' } }, ...cells.map(c => el('td', { text: c })));
  tr.addEventListener('click', () => open(id));
  tr.addEventListener('keydown', ev => { if (ev.key === 'Enter') open(id); });
  return tr;
}

async function loadMine() {
  const mine = await api('/api/customers/mine');
  const overdue = mine.filter(c => c.overdue).length;
  $('mine-count').textContent = mine.length ? `共 ${mine.length} 位${overdue ? `，${overdue} 位逾期` : ''}` : '';
  $('mine').replaceChildren(...(mine.length ? mine.map(c => row([c.displayName || c.id, c.memberLevel || '—', (c.tags || []).join('、'), day(c.lastContactAt),
    (c.overdue ? '已逾期 · ' : '') + day(c.contactDueAt)], c.id, c.overdue)) : [el('tr', {}, el('td', { text: '还没有分配给你的客户。', attrs: { colspan: '5' } }))]));
}

async function search(ev) {
  ev?.preventDefault();
  say($('search-status'), '查找中…', true);
  try {
    const found = await api('/api/customers?q=' + encodeURIComponent($('q').value.trim()));
    $('results').replaceChildren(...found.map(c => row([c.displayName || c.id, c.memberLevel || '—', (c.tags || []).join('、'), c.agentName || '未分配', day(c.lastSeenAt)], c.id)));
    say($('search-status'), found.length ? `找到 ${found.length} 位顾客。` : '没有找到，换个关键词试试。', true);
  } catch (e) {
    say($('search-status'), e.message);
  }
}

const groupLabels = { members: '会员', shoppers: '下单顾客', complainants: '投诉已结案' };

async function showReport(id) {
  const r = await api(`/api/follow-up-programmes/${encodeURIComponent(id)}/report`);
  const box = $('programme-report');
  box.hidden = false;
  box.replaceChildren(
    el('h3', { text: `${r.programme.name} · 回访报告` }),
    el('p', { text: `应回访 ${r.total} 位，已回访 ${r.reached} 位（${r.reachedRate === null ? '—' : (r.reachedRate * 100).toFixed(1) + '%'}），逾期 ${r.overdue} 位。` + r.outcomes.map(o => ` ${o.result} ${o.count}`).join('，') }),
    el('a', { text: '导出 CSV', attrs: { href: `/api/follow-up-programmes/${encodeURIComponent(id)}/report?format=csv` } }),
    el('table', { attrs: { 'aria-label': '回访明细' } },
      el('thead', {}, el('tr', {}, ...['顾客', '客服', '状态', '结果', '顾客反馈'].map(t => el('th', { text: t })))),
      el('tbody', {}, ...r.lines.map(l => el('tr', {}, el('td', { text: l.customerName || l.customerId }), el('td', { text: l.ownerName || '未分配' }),
        el('td', { text: l.status === 'done' ? '已回访' : (l.overdue ? '已逾期' : '待回访') }), el('td', { text: l.result || '' }), el('td', { text: l.resultNotes || '' }))))));
}

async function loadProgrammes() {
  const list = await api('/api/follow-up-programmes');
  $('programmes').replaceChildren(...list.map(p => {
    const button = el('button', { text: '查看', className: 'secondary', attrs: { type: 'button' } });
    button.addEventListener('click', () => showReport(p.id).catch(e => say($('programme-status'), e.message)));
    return el('tr', {}, el('td', { text: p.name }), el('td', { text: groupLabels[p.group] + (p.memberLevel ? '·' + p.memberLevel : '') + (p.from ? ` ${p.from}～${p.to}` : '') }),
      el('td', { className: 'num', text: p.followUps }), el('td', { text: `${p.createdByName || p.createdBy} ${day(p.createdAt)}` }), el('td', {}, button));
  }));
}

$('search-form').addEventListener('submit', search);
if (supervisor) {
  $('programmes-section').hidden = false;
  const today = new Date().toISOString().slice(0, 10);
  $('p-from').value = new Date(Date.now() - 6 * 86400000).toISOString().slice(0, 10);
  $('p-to').value = today;
  $('programme-form').addEventListener('submit', async ev => {
    ev.preventDefault();
    const data = Object.fromEntries(new FormData($('programme-form')));
    try {
      const p = await api('/api/follow-up-programmes', { method: 'POST', body: data });
      say($('programme-status'), `已创建回访计划「${p.name}」，共 ${p.followUps} 条回访。`, true);
      await loadProgrammes();
    } catch (e) {
      say($('programme-status'), e.message);
    }
  });
  loadProgrammes().catch(e => say($('programme-status'), e.message));
}
await Promise.all([loadMine(), search()]);
if (location.hash.length > 1) open(decodeURIComponent(location.hash.slice(1)));
// A link to another customer on this page (customers.html#id) opens them without a reload.
window.addEventListener('hashchange', () => { if (location.hash.length > 1) open(decodeURIComponent(location.hash.slice(1))); });
