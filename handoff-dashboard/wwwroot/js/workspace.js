// The agent workspace: queue, my chats (several at once, unread counts), the chat view, transfer, close, status.
import { api, conversationPath } from './api.js';
import { connectHub } from './hub.js';
import { mountComposer } from './composer.js';
import { el, $ } from './dom.js';
import { reasonLabel, statusLabel, timeLabel, waitingLabel } from './format.js';
import { lineFor } from './transcript-line.js';
import { showIntakeSummary, showOrders } from './intake-panel.js';
import { attachmentList } from './attachments.js';
import { cannedReplies } from './canned-replies.js';

const state = {
  me: null,
  supervisor: false,
  hub: null,
  current: null,          // ConversationDetails of the open chat
  mine: new Map(),        // conversationId -> MyConversation
  pending: new Map(),     // clientMessageId -> <li> shown before the server confirmed it
  seen: new Set(),        // activity ids / client ids already shown in the open chat
};

const composer = mountComposer({
  send: text => sendMessage(text),
  typing: id => state.hub?.invoke('Typing', id).catch(() => {}),
});

function toast(message) {
  const node = $('toast');
  node.textContent = message;
  node.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { node.hidden = true; }, 4000);
}

const isMine = c => c && c.status === 'WithAgent' && c.assignee === state.me.id;

// ---- queue and lists ----

function debounce(fn, ms = 150) {
  let timer;
  return () => { clearTimeout(timer); timer = setTimeout(fn, ms); };
}

async function refreshQueue() {
  const queue = await api('/api/queue');
  const list = $('queue-list');
  list.replaceChildren(...queue.map(item => {
    const accept = el('button', { text: '接入', attrs: { type: 'button' } });
    accept.addEventListener('click', event => { event.stopPropagation(); accept_(item.conversationId); });
    const li = el('li', { className: 'item', attrs: { 'data-id': item.conversationId } },
      el('span', { className: 'tag tag-' + item.reason, text: reasonLabel(item.reason) }),
      el('span', { className: 'name', text: item.customerName || '顾客' }),
      el('span', { className: 'muted', text: waitingLabel(item.waitingSeconds) }),
      accept);
    li.addEventListener('click', () => openConversation(item.conversationId));
    return li;
  }));
  if (!queue.length) list.append(el('li', { className: 'muted empty', text: '暂无排队的顾客' }));
  $('queue-count').textContent = queue.length ? String(queue.length) : '';
}

async function refreshMine() {
  const mine = await api('/api/conversations/mine');
  state.mine = new Map(mine.map(m => [m.conversationId, m]));
  renderMine();
}

function renderMine() {
  $('mine-list').replaceChildren(...[...state.mine.values()].map(m => {
    const li = el('li', { className: 'item' + (state.current?.conversationId === m.conversationId ? ' selected' : ''), attrs: { 'data-id': m.conversationId } },
      el('span', { className: 'tag tag-' + m.reason, text: reasonLabel(m.reason) }),
      el('span', { className: 'name', text: m.customerName || '顾客' }),
      m.unread > 0 ? el('span', { className: 'badge unread', text: String(m.unread), attrs: { 'aria-label': `${m.unread} 条未读` } }) : null);
    li.addEventListener('click', () => openConversation(m.conversationId));
    return li;
  }));
}

async function refreshActive() {
  if (!state.supervisor) return;
  const active = await api('/api/conversations/active');
  $('active-list').replaceChildren(...active.map(a => {
    const li = el('li', { className: 'item', attrs: { 'data-id': a.conversation.conversationId } },
      el('span', { className: 'tag tag-' + a.conversation.reason, text: reasonLabel(a.conversation.reason) }),
      el('span', { className: 'name', text: a.conversation.customerName || '顾客' }),
      el('span', { className: 'muted', text: '→ ' + (a.conversation.assigneeName || a.conversation.assignee) }));
    li.addEventListener('click', () => openConversation(a.conversation.conversationId));
    return li;
  }));
}

const refreshQueueSoon = debounce(() => refreshQueue().catch(e => toast(e.message)));
const refreshMineSoon = debounce(() => Promise.all([refreshMine(), refreshActive()]).catch(e => toast(e.message)));

// ---- the chat view ----

function appendLine(line) {
  const transcript = $('transcript');
  transcript.append(lineFor(line));
  transcript.scrollTop = transcript.scrollHeight;
}

function systemLine(text) {
  appendLine({ sender: 'system', senderName: '系统', text, at: new Date().toISOString() });
}

async function openConversation(id) {
  const previous = state.current;
  if (previous && previous.conversationId !== id && !isMine(previous)) {
    state.hub?.invoke('Unwatch', previous.conversationId).catch(() => {});
  }
  let data, notes;
  try {
    // Private notes (agents only; never sent to the shopper) are shown among the lines, in their own style.
    [data, notes] = await Promise.all([api(conversationPath(id) + '/transcript'), api(conversationPath(id) + '/notes').catch(() => [])]);
  } catch (e) {
    toast(e.message);
    return;
  }
  state.current = data.conversation;
  state.pending.clear();
  state.seen = new Set(data.entries.map(e => e.activityId));
  $('chat-empty').hidden = true;
  $('chat').hidden = false;
  const lines = data.entries.map(e => ({ sender: e.sender, senderName: e.senderName, text: e.text, at: e.timestamp, attachments: e.attachments }))
    .concat((notes || []).map(n => ({ sender: 'note', senderName: `${n.agentName}（内部备注）`, text: n.text, at: n.at })))
    .sort((a, b) => new Date(a.at) - new Date(b.at));
  $('transcript').replaceChildren(...lines.map(lineFor));
  $('transcript').scrollTop = $('transcript').scrollHeight;
  renderHeader();
  if (!isMine(state.current)) state.hub?.invoke('Watch', id).catch(e => toast(e.message));
  else markRead(id);
  renderMine();
  loadEarlier(id);
  showIntakeSummary(id).catch(() => {});
  showOrders(id).catch(() => {});
}

function renderHeader() {
  const c = state.current;
  $('chat-title').textContent = c.customerName || '顾客';
  $('chat-reason').textContent = '转人工原因：' + reasonLabel(c.reason);
  $('chat-status').textContent = statusLabel(c.status) + (c.assigneeName ? ` · ${c.assigneeName}` : '');
  $('accept-button').hidden = c.status !== 'WaitingForAgent';
  const canManage = c.status === 'WithAgent' && (isMine(c) || state.supervisor);
  $('transfer-form').hidden = !canManage;
  $('close-button').hidden = !canManage;
  composer.setConversation(c.conversationId, isMine(c));
  if (canManage) fillTransferTargets();
}

async function fillTransferTargets() {
  const directory = await api('/api/agents/directory');
  const options = directory
    .filter(a => a.id !== state.current?.assignee && a.status === 'online')
    .map(a => el('option', { text: `${a.displayName}（${a.load} 个会话）`, attrs: { value: a.id } }));
  const select = $('transfer-target');
  select.replaceChildren(el('option', { text: '选择转接对象', attrs: { value: '' } }),
    el('option', { text: '主管（自动选择在线主管）', attrs: { value: '@supervisor' } }), ...options);
}

async function loadEarlier(id) {
  const list = $('earlier-list');
  list.replaceChildren();
  try {
    const earlier = await api(conversationPath(id) + '/earlier');
    if (!earlier.length) { list.append(el('p', { className: 'muted', text: '没有以往会话。' })); return; }
    for (const item of earlier) {
      const c = item.conversation;
      list.append(el('section', { className: 'earlier' },
        el('h3', { text: `${timeLabel(c.startedAt)} ${new Date(c.startedAt || Date.now()).toLocaleDateString('zh-CN')} · ${reasonLabel(c.reason)} · ${statusLabel(c.status)}` }),
        el('ol', { className: 'transcript small' }, ...item.entries.map(e => lineFor({ sender: e.sender, senderName: e.senderName, text: e.text, at: e.timestamp, attachments: e.attachments })))));
    }
  } catch (e) {
    list.append(el('p', { className: 'error', text: e.message }));
  }
}

function markRead(id) {
  const mine = state.mine.get(id);
  if (mine) { mine.unread = 0; renderMine(); }
  api(conversationPath(id) + '/read', { method: 'POST' }).catch(() => {});
}

// ---- actions ----

async function accept_(id) {
  try {
    await api(conversationPath(id) + '/accept', { method: 'POST' });
    await refreshMine();
    await openConversation(id);
  } catch (e) {
    toast(e.message);
    refreshQueueSoon();
  }
}

async function sendMessage(text) {
  const c = state.current;
  const clientMessageId = crypto.randomUUID();
  const li = lineFor({ sender: 'agent', senderName: state.me.displayName, text, at: new Date().toISOString(), pending: true });
  li.dataset.clientId = clientMessageId;
  state.pending.set(clientMessageId, li);
  $('transcript').append(li);
  $('transcript').scrollTop = $('transcript').scrollHeight;
  // A canned reply with a file (a size chart, a return label) goes out as one message: the text and the reply's file.
  const canned = cannedReplies.takeAttachment();
  try {
    if (canned) {
      const form = new FormData();
      form.append('text', text);
      form.append('cannedReplyId', canned.id);
      form.append('clientMessageId', clientMessageId);
      await api(conversationPath(c.conversationId) + '/attachments', { method: 'POST', body: form });
    } else {
      await api(conversationPath(c.conversationId) + '/messages', { method: 'POST', body: { text, clientMessageId } });
    }
  } catch (e) {
    li.classList.add('failed');
    li.append(el('div', { className: 'error', text: '发送失败：' + e.message }));
    state.pending.delete(clientMessageId);
    throw e;
  }
}

/** An image or PDF from the agent (a photo of the right item, a return label); the bot checks and stores it. */
async function sendFile(file) {
  const c = state.current;
  const clientMessageId = crypto.randomUUID();
  const li = lineFor({ sender: 'agent', senderName: state.me.displayName, text: `发送文件：${file.name}`, at: new Date().toISOString(), pending: true });
  li.dataset.clientId = clientMessageId;
  state.pending.set(clientMessageId, li);
  $('transcript').append(li);
  $('transcript').scrollTop = $('transcript').scrollHeight;
  const form = new FormData();
  form.append('file', file, file.name);
  form.append('clientMessageId', clientMessageId);
  try {
    await api(conversationPath(c.conversationId) + '/attachments', { method: 'POST', body: form });
  } catch (e) {
    li.classList.add('failed');
    li.append(el('div', { className: 'error', text: '发送失败：' + e.message }));
    state.pending.delete(clientMessageId);
  }
}

$('attach-button').addEventListener('click', () => $('attach-input').click());
$('attach-input').addEventListener('change', async event => {
  const files = [...event.target.files];
  event.target.value = '';
  for (const file of files) await sendFile(file);
});

$('accept-button').addEventListener('click', () => accept_(state.current.conversationId));

$('close-button').addEventListener('click', async () => {
  if (!confirm('确定结束此会话吗？顾客将收到满意度调查。')) return;
  try {
    await api(conversationPath(state.current.conversationId) + '/close', { method: 'POST' });
    toast('会话已结束。');
    await openConversation(state.current.conversationId).catch(() => {});
    refreshMineSoon();
  } catch (e) { toast(e.message); }
});

$('transfer-form').addEventListener('submit', async event => {
  event.preventDefault();
  const target = $('transfer-target').value;
  const note = $('transfer-note').value.trim() || null;
  if (!target) { toast('请选择转接对象。'); return; }
  const id = state.current.conversationId;
  const owner = isMine(state.current);
  try {
    if (target === '@supervisor') {
      await api(conversationPath(id) + '/transfer', { method: 'POST', body: { toSupervisor: true, note } });
    } else if (owner) {
      await api(conversationPath(id) + '/transfer', { method: 'POST', body: { toAgentId: target, note } });
    } else {
      await api(conversationPath(id) + '/reassign', { method: 'POST', body: { toAgentId: target, note } });
    }
    $('transfer-note').value = '';
    toast('已转接。');
    refreshMineSoon();
    await openConversation(id);
  } catch (e) { toast(e.message); }
});

$('status-select').addEventListener('change', async event => {
  try {
    await api('/api/agents/me/status', { method: 'PUT', body: { status: event.target.value } });
  } catch (e) { toast(e.message); }
});

$('logout-button').addEventListener('click', async () => {
  await api('/api/auth/logout', { method: 'POST' }).catch(() => {});
  location.href = '/login.html';
});

// ---- live updates ----

const handlers = {
  QueueChanged: () => refreshQueueSoon(),
  AssignmentChanged: notice => {
    refreshMineSoon();
    if (notice.change === 'assigned' && notice.agentId === state.me.id && !state.current) {
      openConversation(notice.conversationId);
    } else if (state.current?.conversationId === notice.conversationId) {
      if (notice.change === 'transferred' && notice.agentId === state.me.id) systemLine(`会话已转接给您${notice.note ? '，备注：' + notice.note : ''}`);
      reloadHeader();
    }
    if (notice.change === 'assigned' && notice.agentId === state.me.id) toast('新会话已分配给您。');
    // Supervisors are alerted when the idle sweep takes a chat from a silent agent (StaleChats: note 'agent-silent').
    if (state.supervisor && notice.change === 'requeued' && notice.note === 'agent-silent' && notice.previousAgentId !== state.me.id) {
      toast(`客服 ${notice.previousAgentId} 长时间未回复顾客，会话已回到排队队列。`);
    }
  },
  ConversationMessage: message => {
    if (state.current?.conversationId !== message.conversationId) return;
    const pending = message.clientMessageId && state.pending.get(message.clientMessageId);
    if (pending) {
      pending.classList.remove('pending');
      // An agent's own file: the pending line gets the stored picture once the bot has it.
      if (message.attachments?.length && !pending.querySelector('.attachments')) pending.append(attachmentList(message.attachments));
      state.pending.delete(message.clientMessageId);
      state.seen.add(message.clientMessageId);
      return;
    }
    const key = message.activityId || message.clientMessageId;
    if (key && state.seen.has(key)) return;
    if (key) state.seen.add(key);
    appendLine({ sender: message.sender, senderName: message.senderName, text: message.text, at: message.at, attachments: message.attachments });
    if (message.sender === 'customer') {
      $('typing-indicator').hidden = true;
      if (isMine(state.current)) markRead(message.conversationId);
    }
  },
  UnreadChanged: notice => {
    const mine = state.mine.get(notice.conversationId);
    if (state.current?.conversationId === notice.conversationId) return;
    if (mine) { mine.unread = notice.unread; renderMine(); } else refreshMineSoon();
  },
  Typing: notice => {
    if (state.current?.conversationId !== notice.conversationId || notice.sender !== 'customer') return;
    const indicator = $('typing-indicator');
    indicator.hidden = false;
    clearTimeout(handlers.typingTimer);
    handlers.typingTimer = setTimeout(() => { indicator.hidden = true; }, 4000);
  },
  ConversationUpdated: notice => {
    if (state.current?.conversationId !== notice.conversationId) return;
    const text = {
      AgentJoined: `${notice.text || '客服'} 已接入会话。`,
      CustomerLeft: '顾客已离开会话。',
      ConversationClosed: '会话已结束。',
      ConversationRequeued: '会话已回到排队队列。',
      ConversationTransferred: `会话已转接给 ${notice.text || ''}${notice.note ? '，备注：' + notice.note : ''}`,
      SurveyAnswered: `满意度评价：${notice.text || ''}${notice.note ? '（' + notice.note + '）' : ''}`,
    }[notice.kind];
    if (text) systemLine(text);
    reloadHeader();
  },
};

async function reloadHeader() {
  if (!state.current) return;
  try {
    const data = await api(conversationPath(state.current.conversationId) + '/transcript');
    state.current = data.conversation;
    renderHeader();
  } catch (e) {
    // No longer visible to this agent (e.g. transferred away): leave the view.
    state.current = null;
    composer.setConversation(null, false);
    $('chat').hidden = true;
    $('chat-empty').hidden = false;
    toast(e.message);
  }
}

// Having the workspace open means being at work: an offline agent (new sign-in, or back after the grace
// period ended) comes online; "away" is kept.
async function restoreStatus() {
  let { status } = await api('/api/agents/me/status');
  if (status === 'offline') status = (await api('/api/agents/me/status', { method: 'PUT', body: { status: 'online' } })).status;
  $('status-select').value = status;
}

async function start() {
  state.me = await api('/api/auth/me');
  state.supervisor = state.me.roles.includes('supervisor') || state.me.roles.includes('admin');
  $('me-name').textContent = state.me.displayName;
  $('admin-link').hidden = !state.me.roles.includes('admin');
  $('active-section').hidden = !state.supervisor;
  // Connect first: coming online may assign a chat at once, and its push must find this page listening.
  state.hub = await connectHub(handlers, {
    onStateChange: text => { $('connection-state').textContent = text; },
    onReconnected: async () => {
      await restoreStatus();
      await Promise.all([refreshQueue(), refreshMine(), refreshActive()]);
      if (state.current) await openConversation(state.current.conversationId);
    },
  });
  await restoreStatus();
  await Promise.all([refreshQueue(), refreshMine(), refreshActive()]);
  if (!state.current && state.mine.size > 0) await openConversation(state.mine.keys().next().value);
  // Waiting times in the queue age; pushes cover every change, this only refreshes the labels.
  setInterval(refreshQueueSoon, 30000);
  const requested = new URLSearchParams(location.search).get('conversation');
  if (requested) await openConversation(requested);
  document.body.dataset.ready = 'true';
}

start().catch(e => toast(e.message));
