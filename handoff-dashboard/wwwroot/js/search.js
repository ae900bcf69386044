// The search page: GET /api/search with the form's filters; matching lines are built as DOM text (never HTML),
// the matched words in <mark>; a result opens the chat in the workspace (/?conversation=id).
import { api } from './api.js';
import { el, $ } from './dom.js';
import { reasonLabel, senderLabel, statusLabel, timeLabel } from './format.js';

const fields = ['q', 'from', 'to', 'agent', 'reason', 'label', 'csat', 'customer'];

function lineView(line) {
  const text = el('span', { className: 'text' });
  for (const segment of line.segments) {
    text.append(segment.match ? el('mark', { text: segment.text }) : document.createTextNode(segment.text));
  }
  return el('div', { className: 'hit-line' + (line.isNote ? ' note' : '') },
    el('span', { className: 'muted', text: `${line.senderName || senderLabel(line.sender)}${line.isNote ? '（内部备注）' : ''} · ${timeLabel(line.at)}：` }),
    text);
}

function hitView(hit) {
  const title = el('a', { text: hit.customerName || '顾客', attrs: { href: '/?conversation=' + encodeURIComponent(hit.conversationId) } });
  const meta = [reasonLabel(hit.reason), statusLabel(hit.status), hit.assigneeName, timeLabel(hit.lastAt),
    ...(hit.labels || []).map(l => '#' + l), hit.csat ? '满意度：' + hit.csat : null].filter(Boolean).join(' · ');
  return el('li', { className: 'hit', attrs: { 'data-conversation': hit.conversationId } },
    el('div', {}, title, el('span', { className: 'hit-meta', text: ' ' + meta })),
    ...hit.lines.map(lineView));
}

async function search(event) {
  event?.preventDefault();
  const params = new URLSearchParams();
  for (const name of fields) {
    const value = $(name).value.trim();
    if (value) params.set(name, value);
  }
  history.replaceState(null, '', '?' + params);
  $('search-status').textContent = '搜索中…';
  try {
    const result = await api('/api/search?' + params);
    $('results').replaceChildren(...result.hits.map(hitView));
    $('search-status').textContent = result.hits.length === 0
      ? '没有找到相关会话，可以换个关键词或放宽筛选条件试试。'
      : `找到 ${result.total} 个会话，显示前 ${result.hits.length} 个（用时 ${Math.round(result.elapsedMilliseconds)} 毫秒）` + (result.rebuilding ? '；索引正在重建，结果可能不全。' : '。');
  } catch (e) {
    $('search-status').textContent = e.message;
  }
}

async function start() {
  const labels = await api('/api/labels').catch(() => []);
  $('label').append(...labels.map(l => el('option', { text: l.name, attrs: { value: l.name } })));
  const query = new URLSearchParams(location.search);
  for (const name of fields) if (query.get(name)) $(name).value = query.get(name);
  $('search-form').addEventListener('submit', search);
  if ([...query.keys()].length > 0) await search();
  document.body.dataset.ready = 'true';
}

start().catch(e => { $('search-status').textContent = e.message; });
