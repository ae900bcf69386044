// One line of a transcript in the chat view: the shopper's, the bot's, an agent's, a system notice, or an agent's
// private note (sender 'note', its own style: agents only, never sent to the shopper).
import { el, senderLabel, timeLabel } from './format.js';
import { renderBotMarkdown } from './markdown.js';

function sizeLabel(bytes) {
  return bytes >= 1024 * 1024 ? (bytes / 1024 / 1024).toFixed(1) + ' MB' : Math.max(1, Math.round(bytes / 1024)) + ' KB';
}

/** Photos as thumbnails that open the full picture; other files (PDF) as a link. Names are text, never HTML. */
export function attachmentsFor(attachments) {
  if (!attachments?.length) return null;
  return el('div', { className: 'attachments' }, ...attachments.map(a => {
    if (!a.url) return el('span', { className: 'attachment-file', text: `${a.name}（${sizeLabel(a.size)}）` });
    const link = el('a', { className: 'attachment', attrs: { href: a.url, target: '_blank', rel: 'noopener noreferrer', title: a.name } });
    if (a.thumbnailUrl) link.append(el('img', { className: 'attachment-thumbnail', attrs: { src: a.thumbnailUrl, alt: a.name, loading: 'lazy' } }));
    else link.append(el('span', { className: 'attachment-file', text: `${a.name}（${sizeLabel(a.size)}）` }));
    return link;
  }));
}

export function lineFor({ sender, senderName, text, at, pending, attachments }) {
  // The bot's answers are the admins' Markdown, shown as the shopper saw them; shoppers' and agents' words stay plain text.
  const body = !text ? null : sender === 'bot'
    ? el('div', { className: 'text markdown' }, renderBotMarkdown(text))
    : el('div', { className: 'text', text });
  const li = el('li', { className: `line line-${sender}` + (pending ? ' pending' : '') },
    el('div', { className: 'meta', text: `${senderName || senderLabel(sender)} · ${timeLabel(at)}` }),
    body, attachmentsFor(attachments));
  return li;
}

