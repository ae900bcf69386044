// The home page's overdue list: follow-ups and cases left by shoppers that are past due and open,
// the agent's own and unowned ones (supervisors see all, as the API decides). Refreshed every minute.
import { api } from './api.js';
import { el } from './dom.js';

const list = document.getElementById('overdue-list');
const count = document.getElementById('overdue-count');

function label(item) {
  const kind = item.kind === 'case' ? '留言' : '回访';
  const who = item.customerName || '顾客';
  const due = new Date(item.dueAt).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return `${kind} · ${who} · 应于 ${due} 前处理`;
}

async function refresh() {
  try {
    const items = await api('/api/follow-ups?overdue=true');
    // Shopper-provided names are text, never markup.
    list.replaceChildren(...items.slice(0, 10).map(item =>
      el('li', {}, el('a', { href: `follow-ups.html?overdue=true#${encodeURIComponent(item.id)}`, text: label(item) }))));
    count.textContent = items.length ? String(items.length) : '';
  } catch (e) {
    // The list is a reminder; the workspace keeps working without it.
  }
}

refresh();
setInterval(refresh, 60_000);
