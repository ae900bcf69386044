// The workspace's customer parts: the profile panel of the open chat's customer (agents add and correct details from
// the chat), and on the home sidebar the agent's customers whose seven-day contact is overdue. Refreshed every minute.
import { api, conversationPath } from './api.js';
import { el } from './dom.js';
import { onComposerReady } from './composer.js';
import { mountCustomerPanel } from './customer-panel.js';

// Registered before anything is awaited, so the first chat opened is not missed.
const panelReady = api('/api/auth/me').then(me => mountCustomerPanel(document.getElementById('customer-panel'),
  { supervisor: me.roles.includes('supervisor') || me.roles.includes('admin'), onChange: () => refreshDue() }));

let shown = null; // the chat whose customer the panel should show (a slower answer for an earlier chat is dropped)
onComposerReady(composer => {
  composer.onConversationChange(async conversationId => {
    shown = conversationId;
    const panel = await panelReady;
    if (!conversationId) { panel.clear(); return; }
    try {
      const { conversation } = await api(conversationPath(conversationId) + '/transcript');
      if (shown !== conversationId) return;
      if (conversation.customerId) await panel.show(conversation.customerId); else panel.clear();
    } catch {
      panel.clear(); // the chat view shows its own error
    }
  });
});

async function refreshDue() {
  try {
    const overdue = await api('/api/customers/mine?overdue=true');
    document.getElementById('customers-due-list').replaceChildren(...overdue.slice(0, 10).map(c => el('li', {},
      el('a', { text: `${c.displayName || c.id} · 应于 ${new Date(c.contactDueAt).toLocaleDateString('zh-CN')} 前联系`, attrs: { href: 'customers.html#' + encodeURIComponent(c.id) } }))));
    document.getElementById('customers-due-count').textContent = overdue.length ? String(overdue.length) : '';
  } catch {
    // A reminder only: the workspace keeps working without it.
  }
}

refreshDue();
setInterval(refreshDue, 60_000);
