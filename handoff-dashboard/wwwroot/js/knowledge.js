import { api } from './api.js';
import { el, say, $ } from './dom.js';
import { dateTimeLabel as time } from './format.js';
import { nav } from './nav.js';

(async () => {
  await nav('/knowledge.html');
  let files = [];
  let editing = null;
  let previewTimer = null;

  async function loadFiles() {
    try {
      files = await api('/api/knowledge/files');
      $('files').replaceChildren(...files.map((f) => el('tr', {},
        el('td', { text: f.path }), el('td', { text: f.title || '' }),
        el('td', {}, el('button', { type: 'button', class: 'secondary', text: '编辑', 'aria-label': '编辑 ' + f.path, onclick: () => edit(f.path) })))));
    } catch (e) { say($('files-status'), e.message); }
  }

  async function edit(path) {
    try {
      const file = await api('/api/knowledge/files/' + path.split('/').map(encodeURIComponent).join('/'));
      editing = file.path;
      $('editor-section').hidden = false;
      $('editor-title').textContent = '编辑 ' + file.path;
      $('content').value = file.content;
      say($('save-status'), '');
      await preview();
    } catch (e) { say($('files-status'), e.message); }
  }

  let previewSeq = 0;
  async function preview() {
    // Only the newest preview is drawn: an earlier, slower answer must not overwrite what the admin typed since.
    const seq = ++previewSeq;
    const p = await api('/api/knowledge/preview', { method: 'POST', body: { content: $('content').value, path: editing } });
    if (seq !== previewSeq) return;
    const box = $('preview');
    box.replaceChildren(el('h3', { text: p.title || '（缺少标准问题）' }));
    if (p.questions.length) box.append(el('p', { class: 'muted', text: '相似问法：' + p.questions.join('；') }));
    // The bot renders this with raw HTML disabled and sanitises it to formatting tags and http(s) links.
    const answer = document.createElement('div');
    answer.innerHTML = p.html;
    box.append(answer);
    for (const problem of p.problems) box.append(el('p', { class: 'error', text: problem }));
  }

  $('content').addEventListener('input', () => {
    clearTimeout(previewTimer);
    previewTimer = setTimeout(() => preview().catch((e) => say($('save-status'), e.message)), 300);
  });

  $('save').addEventListener('click', async () => {
    if (!editing) return;
    try {
      await api('/api/knowledge/files/' + editing.split('/').map(encodeURIComponent).join('/'), { method: 'PUT', body: { content: $('content').value } });
      say($('save-status'), '已保存，机器人会自动重新加载。', true);
      loadFiles();
    } catch (e) { say($('save-status'), e.message); }
  });

  $('test-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const d = await api('/api/knowledge/test', { method: 'POST', body: { text: $('test-text').value } });
      const routes = { answer: '直接回答', clarify: '追问澄清', handoff: '转人工', fallback: '兜底回复' };
      const parts = ['结果：' + (routes[d.route] || d.route)];
      if (d.faqId) parts.push('FAQ：' + d.faqId);
      if (d.candidates && d.candidates.length) parts.push('候选：' + d.candidates.join('、'));
      if (d.reason) parts.push('原因：' + d.reason);
      if (typeof d.score === 'number') parts.push('置信度：' + d.score.toFixed(2));
      say($('test-result'), parts.join('　'), true);
    } catch (e) { say($('test-result'), e.message); }
  });

  async function loadUnanswered() {
    try {
      const list = await api('/api/knowledge/unanswered');
      $('unanswered').replaceChildren(...list.map((q) => {
        const select = el('select', { 'aria-label': '为“' + q.text + '”选择 FAQ' });
        const candidates = q.candidates || [];
        for (const c of candidates) select.append(el('option', { value: c.faqId, text: (c.title || c.faqId) + (typeof c.score === 'number' ? '（' + c.score.toFixed(2) + '）' : '') }));
        for (const f of files) if (!candidates.some((c) => c.faqId === f.id)) select.append(el('option', { value: f.id, text: f.title || f.id }));
        const button = el('button', { type: 'button', text: '添加为相似问法', 'aria-label': '把“' + q.text + '”添加为相似问法', onclick: async () => {
          button.disabled = true;
          try {
            await api('/api/knowledge/alternate-questions', { method: 'POST', body: { faqId: select.value, question: q.text } });
            say($('unanswered-status'), '已把“' + q.text + '”加到 ' + select.value + '。', true);
            loadUnanswered();
          } catch (e) { say($('unanswered-status'), e.message); button.disabled = false; }
        } });
        return el('tr', {}, el('td', { text: q.text }), el('td', { class: 'num', text: q.count }), el('td', { text: time(q.lastSeen) }), el('td', {}, select), el('td', {}, button));
      }));
      // The empty state is a row of the table, so the status line keeps what the admin just did.
      if (!list.length) $('unanswered').replaceChildren(el('tr', {}, el('td', { colspan: 5, class: 'muted', text: '没有没答上的问题。' })));
    } catch (e) { say($('unanswered-status'), e.message); }
  }

  await loadFiles();
  await loadUnanswered();
})();
