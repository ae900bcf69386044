import { api } from './api.js';
import { el, say, options } from './dom.js';
import { dateTimeLabel as time } from './format.js';
import { nav } from './nav.js';
import { attachmentList } from './attachments.js';

(async () => {
  await nav('/complaints.html');

  const STATES = ['受理', '判断', '调查', '方案', '审批', '实施', '回访', '归档'];
  const FIELD_LABELS = {
    validity: '是否成立', validityReply: '给顾客的答复', category: '类别', department: '责任部门',
    investigation: '调查情况', plan: '处理方案', approvalNote: '审批意见', customerConfirmation: '顾客确认 / 回访结果',
    compensation: '补偿', note: '备注',
  };
  const STEP_BUTTONS = { 判断: '完成判断', 调查: '开始调查', 方案: '提交方案', 审批: '批准方案', 实施: '开始实施', 回访: '记录回访', 归档: '归档' };
  const $ = (id) => document.getElementById(id);
  let categories = [];

  async function loadCategories() {
    categories = await api('/api/complaints/categories');
    options($('f-category'), categories, null, '（未选）');
    options($('filter-category'), categories, null, '全部');
  }

  async function loadList() {
    const params = new URLSearchParams();
    if ($('filter-state').value) params.set('state', $('filter-state').value);
    if ($('filter-category').value) params.set('category', $('filter-category').value);
    try {
      const list = await api('/api/complaints?' + params);
      const rows = list.map((c) => el('tr', {},
        el('td', {}, el('button', { type: 'button', class: 'secondary', text: c.id, onclick: () => openDetail(c.id) })),
        el('td', { text: c.customerName || c.customerId || '' }),
        el('td', { text: c.category || '未分类' }),
        el('td', { text: c.state }),
        el('td', { text: time(c.openedAt) }),
        el('td', { text: c.openedByName || c.openedBy })));
      $('list').replaceChildren(...rows);
      say($('list-status'), list.length ? '' : '这段时间没有投诉。', true);
    } catch (e) {
      say($('list-status'), e.message);
    }
  }

  function fieldInput(name, complaint) {
    const id = 'step-' + name + '-' + Math.random().toString(36).slice(2, 8);
    let input;
    if (name === 'validity') {
      input = el('select', { id, name });
      options(input, ['成立', '不成立'], complaint.validity, '请选择');
    } else if (name === 'category') {
      input = el('select', { id, name });
      options(input, categories, complaint.category, '（不变）');
    } else {
      input = el('textarea', { id, name });
      if (['plan', 'department', 'investigation', 'compensation', 'customerConfirmation'].includes(name) && complaint[name]) input.value = complaint[name];
    }
    return el('div', {}, el('label', { for: id, text: FIELD_LABELS[name] || name }), input);
  }

  function renderDetail(detail) {
    const c = detail.complaint;
    $('detail').hidden = false;
    $('detail-title').textContent = '投诉详情 ' + c.id;
    const fields = [
      ['状态', c.state], ['类别', c.category || '未分类'], ['顾客', [c.customerName, c.customerId].filter(Boolean).join(' / ')],
      ['渠道', c.channel], ['订单号', c.orderNumber], ['会话', c.conversationId], ['投诉内容', c.summary],
      ['是否成立', c.validity], ['给顾客的答复', c.validityReply], ['责任部门', c.department], ['调查情况', c.investigation],
      ['处理方案', c.plan], ['审批', c.approvedBy ? (c.approvedByName || c.approvedBy) + ' ' + time(c.approvedAt) + (c.approvalNote ? '：' + c.approvalNote : '') : ''],
      ['补偿', c.compensation], ['顾客确认', c.customerConfirmation], ['受理', (c.openedByName || c.openedBy) + ' ' + time(c.openedAt)],
    ];
    $('detail-fields').replaceChildren(...fields.filter(([, v]) => v).flatMap(([k, v]) => [el('dt', { text: k }), el('dd', { text: v })]));
    const who = { customer: '顾客', bot: '机器人', agent: '客服', system: '系统' };
    $('detail-excerpt').replaceChildren(...(c.transcriptExcerpt.length
      ? c.transcriptExcerpt.map((l) => {
        const line = el('li', { text: '[' + time(l.at) + '] ' + (l.senderName || who[l.sender] || l.sender) + '：' + (l.text || (l.attachments?.length ? '（图片/文件）' : '')) });
        const files = attachmentList(l.attachments);
        if (files) line.append(files);
        return line;
      })
      : [el('li', { class: 'muted', text: '手工登记，没有聊天记录。' })]));
    $('detail-history').replaceChildren(...detail.history.map((h) => el('tr', {},
      el('td', { text: (h.from ? h.from + ' → ' : '') + h.to }),
      el('td', { text: h.byName || h.by }),
      el('td', { text: time(h.at) }),
      el('td', { text: [h.note, ...Object.entries(h.fields || {}).map(([k, v]) => (FIELD_LABELS[k] || k) + '：' + v)].filter(Boolean).join('\n') }))));

    const next = detail.next.map((step) => {
      const inputs = [...step.fields, 'note'].map((f) => fieldInput(f, c));
      const label = (c.state === '方案' && step.to === '调查') ? '退回重新调查' : (STEP_BUTTONS[step.to] || '转到 ' + step.to);
      const button = el('button', { type: 'submit', text: label, disabled: !step.allowed });
      const form = el('form', { class: 'step', 'aria-label': '转到' + step.to },
        el('strong', { text: c.state + ' → ' + step.to }),
        step.required.length ? el('p', { class: 'muted', text: '必填：' + step.required.map((r) => FIELD_LABELS[r] || r).join('、') }) : null,
        step.allowed ? null : el('p', { class: 'muted', text: step.reason }),
        ...inputs, button);
      form.addEventListener('submit', async (ev) => {
        ev.preventDefault();
        const body = { to: step.to };
        for (const input of form.querySelectorAll('input, select, textarea')) if (input.value.trim()) body[input.name] = input.value.trim();
        button.disabled = true;
        try {
          const updated = await api('/api/complaints/' + encodeURIComponent(c.id) + '/transitions', { method: 'POST', body });
          renderDetail(updated);
          say($('detail-status'), '已转到“' + step.to + '”。', true);
          loadList();
        } catch (e) {
          say($('detail-status'), e.message);
          button.disabled = false;
        }
      });
      return form;
    });
    $('detail-next').replaceChildren(...(next.length ? next : [el('p', { class: 'muted', text: '这条投诉已归档。' })]));
  }

  async function openDetail(id) {
    try {
      say($('detail-status'), '');
      renderDetail(await api('/api/complaints/' + encodeURIComponent(id)));
      history.replaceState(null, '', '?id=' + encodeURIComponent(id));
    } catch (e) {
      $('detail').hidden = false;
      say($('detail-status'), e.message);
    }
  }

  $('open-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = {};
    for (const input of ev.target.querySelectorAll('input, select, textarea')) if (input.value.trim()) body[input.name] = input.value.trim();
    try {
      const detail = await api('/api/complaints', { method: 'POST', body });
      say($('open-status'), '已登记 ' + detail.complaint.id, true);
      ev.target.reset();
      renderDetail(detail);
      loadList();
    } catch (e) {
      say($('open-status'), e.message);
    }
  });
  options($('filter-state'), STATES, null, '全部');
  $('filter-state').addEventListener('change', loadList);
  $('filter-category').addEventListener('change', loadList);

  await loadCategories();
  const query = new URLSearchParams(location.search);
  if (query.get('conversationId')) $('f-conversation').value = query.get('conversationId');
  await loadList();
  if (query.get('id')) await openDetail(query.get('id'));
})();
