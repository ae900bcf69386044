// One line of a transcript in the chat view: the shopper's, the bot's, an agent's, a system notice, or an agent's
// private note (sender 'note', its own style: agents only, never sent to the shopper).
import { el } from './dom.js';
import { senderLabel, timeLabel } from './format.js';
import { renderBotMarkdown } from './markdown.js';
import { attachmentList } from './attachments.js';

export function lineFor({ sender, senderName, text, at, pending, attachments }) {
  // The bot's answers are the admins' Markdown, shown as the shopper saw them; shoppers' and agents' words stay plain text.
  const body = !text ? null : sender === 'bot'
    ? el('div', { className: 'text markdown' }, renderBotMarkdown(text))
    : el('div', { className: 'text', text });
  const li = el('li', { className: `line line-${sender}` + (pending ? ' pending' : '') },
    el('div', { className: 'meta', text: `${senderName || senderLabel(sender)} · ${timeLabel(at)}` }),
    body, attachmentList(attachments));
  return li;
}

