// The home page's overdue list: follow-ups and cases left by shoppers that are past due and open,
// the agent's own and unowned ones (supervisors see all, as the API decides). Refreshed every minute.
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
    const response = await fetch('/api/follow-ups?overdue=true', { credentials: 'same-origin' });
    if (!response.ok) return;
    const items = await response.json();
    list.replaceChildren(...items.slice(0, 10).map(item => {
      const li = document.createElement('li');
      const link = document.createElement('a');
      link.href = `follow-ups.html?overdue=true#${encodeURIComponent(item.id)}`;
      link.textContent = label(item); // shopper-provided names are text, never markup
      li.append(link);
      return li;
    }));
    count.textContent = items.length ? String(items.length) : '';
  } catch (e) {
    // The list is a reminder; the workspace keeps working without it.
  }
}

refresh();
setInterval(refresh, 60_000);
