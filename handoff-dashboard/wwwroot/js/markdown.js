// The bot's lines are FAQ answers written in Markdown by the store's admins. Agents read them as the shopper saw them
// (bold, lists, line breaks) instead of as **raw** syntax. Only that small subset is rendered, and only by building DOM
// nodes with textContent: nothing is ever parsed as HTML, so a line can never inject markup.

const inline = /\*\*(.+?)\*\*|`([^`]+)`/g;

function appendInline(parent, text) {
  let last = 0;
  for (const match of text.matchAll(inline)) {
    if (match.index > last) parent.append(document.createTextNode(text.slice(last, match.index)));
    const node = document.createElement(match[1] !== undefined ? 'strong' : 'code');
    node.textContent = match[1] ?? match[2];
    parent.append(node);
    last = match.index + match[0].length;
  }
  if (last < text.length) parent.append(document.createTextNode(text.slice(last)));
}

const bullet = /^\s*[-*+]\s+(.*)$/;
const numbered = /^\s*\d+[.)、]\s+(.*)$/;

/** A DocumentFragment for a bot line: paragraphs, bullet and numbered lists, bold and code spans. */
export function renderBotMarkdown(text) {
  const fragment = document.createDocumentFragment();
  let list = null;
  let paragraph = null;
  for (const line of String(text ?? '').split(/\r?\n/)) {
    const item = line.match(bullet) ?? line.match(numbered);
    if (item) {
      const kind = line.match(bullet) ? 'ul' : 'ol';
      if (!list || list.tagName.toLowerCase() !== kind) { list = document.createElement(kind); fragment.append(list); }
      paragraph = null;
      const li = document.createElement('li');
      appendInline(li, item[1]);
      list.append(li);
      continue;
    }
    list = null;
    if (line.trim() === '') { paragraph = null; continue; }
    if (paragraph) paragraph.append(document.createElement('br'));
    else { paragraph = document.createElement('p'); fragment.append(paragraph); }
    appendInline(paragraph, line);
  }
  return fragment;
}
