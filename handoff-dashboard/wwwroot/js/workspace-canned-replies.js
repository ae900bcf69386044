// Wires the canned-replies module into the workspace's composer: fills the variables from the open
// chat, asks for reply-assist suggestions for the shopper's latest message, and checks each draft for
// forbidden phrases before it is sent (a warning, then a second send goes through).
import { api } from './api.js';
import { onComposerReady } from './composer.js';
import { cannedReplies } from './canned-replies.js';
import { currentUser } from './nav.js';

const ORDER_NUMBER = /(?<!\d)\d{10,24}(?!\d)/;

onComposerReady(async composer => {
  const [me, shop] = await Promise.all([currentUser(), api('/api/canned-replies/context')]);
  let confirmedDraft = null;

  composer.onConversationChange(async conversationId => {
    confirmedDraft = null;
    // A canned reply's file picked for one chat never goes to another.
    cannedReplies.takeAttachment();
    // One click from the chat to the complaint register, prefilled from this conversation.
    const complaintLink = document.getElementById('complaint-link');
    if (complaintLink) complaintLink.href = conversationId ? `complaints.html?conversationId=${encodeURIComponent(conversationId)}` : 'complaints.html';
    if (!conversationId) return;
    try {
      const transcript = await api(`/api/conversations/${encodeURIComponent(conversationId)}/transcript`);
      const customerLines = transcript.entries.filter(e => e.sender === 'customer');
      const order = customerLines.map(e => (e.text.match(ORDER_NUMBER) || [])[0]).filter(Boolean).pop();
      cannedReplies.setContext({
        customerName: transcript.conversation.customerName || '亲',
        orderNumber: order || undefined,
        agentNumber: me.userName,
        shopName: shop.shopName,
      });
      const latest = customerLines.pop();
      if (latest) cannedReplies.assist(latest.text);
    } catch (e) {
      // Suggestions are a help, not a must: the composer works without them.
    }
  });

  composer.addSendCheck(async text => {
    const check = await cannedReplies.checkBeforeSend(text);
    if (check.unfilled && check.unfilled.length) return `有变量未填写：${check.unfilled.join('、')}，请补全后再发送。`;
    if (!check.ok && confirmedDraft !== text) {
      confirmedDraft = text;
      return '草稿里有不宜对顾客说的话，请留意上方提示；确认无误再点一次发送即可发出。';
    }
    confirmedDraft = null;
    return null;
  });
});
