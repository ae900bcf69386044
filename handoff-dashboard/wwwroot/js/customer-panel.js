// The customer profile panel: details (contact masked unless the server says otherwise), tags, member level, notes,
// contacts, history (chats, complaints, follow-ups, orders) and the forms to correct details, record a contact, and,
// for supervisors, assign and merge. Used in the workspace beside a chat and on the customers page.
// Every value from the server goes in with textContent (el), never as HTML.
import { api } from './api.js';
import { el } from './dom.js';
import { statusLabel, reasonLabel } from './format.js';

const day = value => (value ? new Date(value).toLocaleString('zh-CN', { year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '—');
const customerPath = id => '/api/customers/' + encodeURIComponent(id);

function field(label, value, name) {
  return [el('dt', { text: label }), el('dd', { text: value || '—', attrs: name ? { 'data-field': name } : {} })];
}

function input(label, name, value, attrs = {}) {
  const id = 'cp-' + name;
  return el('div', {}, el('label', { text: label, attrs: { for: id } }),
    el('input', { attrs: { id, name, type: 'text', value: value || '', ...attrs } }));
}

function list(title, items, render, empty) {
  return el('section', { className: 'cp-history' }, el('h4', { text: title }),
    items.length ? el('ul', {}, ...items.map(i => el('li', { text: render(i) }))) : el('p', { className: 'muted', text: empty }));
}

/** Mounts the panel in container; returns { show(customerId), clear() }. */
export function mountCustomerPanel(container, { supervisor = false, onChange } = {}) {
  let current = null;

  function message(text, ok) {
    const node = container.querySelector('.cp-status');
    if (node) { node.textContent = text || ''; node.className = 'cp-status ' + (ok ? 'ok' : 'error'); }
  }

  async function run(action, okText) {
    try {
      const detail = await action();
      render(detail);
      message(okText, true);
      onChange?.(detail);
    } catch (e) {
      message(e.message, false);
    }
  }

  function render(detail) {
    current = detail;
    const p = detail.profile;
    const h = detail.history;
    container.hidden = false;
    const form = el('form', { className: 'cp-edit grid', attrs: { 'aria-label': '修改顾客资料', novalidate: '' } },
      input('称呼', 'displayName', p.displayName, { maxlength: '50' }),
      input('电话', 'phone', detail.contactMasked ? '' : p.phone, { maxlength: '30', placeholder: detail.contactMasked ? '已隐藏，可填写新号码' : '' }),
      input('邮箱', 'email', detail.contactMasked ? '' : p.email, { maxlength: '100' }),
      input('地址', 'address', detail.contactMasked ? '' : p.address, { maxlength: '200' }),
      input('会员等级', 'memberLevel', p.memberLevel, { maxlength: '20' }),
      input('标签（用逗号分隔）', 'tags', (p.tags || []).join('，'), { maxlength: '300' }),
      el('div', { className: 'full-row' }, el('label', { text: '备注（只给客服看）', attrs: { for: 'cp-note' } }),
        el('textarea', { attrs: { id: 'cp-note', name: 'note', maxlength: '2000', rows: '2' } })),
      el('div', {}, el('button', { text: '保存资料', attrs: { type: 'submit' } })));
    form.addEventListener('submit', ev => {
      ev.preventDefault();
      const data = new FormData(form);
      const body = {
        displayName: data.get('displayName'), memberLevel: data.get('memberLevel'), note: data.get('note') || null,
        tags: String(data.get('tags') || '').split(/[,，]/).map(t => t.trim()).filter(Boolean),
      };
      // Masked details are only sent when someone typed a new value, so a mask is never saved over the real one.
      for (const name of ['phone', 'email', 'address']) {
        const value = data.get(name);
        if (!detail.contactMasked || value) body[name] = value;
      }
      run(() => api(customerPath(p.id), { method: 'PUT', body }), '已保存。');
    });

    const contactForm = el('form', { className: 'cp-contact inline-form', attrs: { 'aria-label': '登记联系' } },
      el('select', { attrs: { name: 'channel', 'aria-label': '联系方式' } }, ...['电话', '微信', '短信', '旺旺', '邮件'].map(c => el('option', { text: c, attrs: { value: c } }))),
      el('input', { attrs: { name: 'note', type: 'text', maxlength: '2000', placeholder: '联系情况', 'aria-label': '联系情况' } }),
      el('button', { text: '登记联系', attrs: { type: 'submit' } }));
    contactForm.addEventListener('submit', ev => {
      ev.preventDefault();
      const data = new FormData(contactForm);
      run(() => api(customerPath(p.id) + '/contacts', { method: 'POST', body: { channel: data.get('channel'), note: data.get('note') } }), '已登记联系。');
    });

    const parts = [
      el('h3', { text: p.displayName || '顾客' }),
      el('dl', { className: 'fields' },
        ...field('顾客ID', p.id), ...field('商城账号', p.shopperId || '未登录'),
        ...field('电话', p.phone, 'phone'), ...field('邮箱', p.email, 'email'), ...field('地址', p.address, 'address'),
        ...field('会员等级', p.memberLevel, 'memberLevel'), ...field('标签', (p.tags || []).join('、'), 'tags'),
        ...field('负责客服', p.agentName || p.agentId || '未分配', 'agent'),
        ...field('下次联系', detail.contactDueAt ? day(detail.contactDueAt) : '—', 'due'),
        ...field('最近联系', day(p.lastContactAt))),
      detail.contactMasked ? el('p', { className: 'muted', text: '联系方式已隐藏：只有负责的客服、正在接待的客服和主管可以看到。' }) : null,
      el('p', { className: 'cp-status', attrs: { role: 'status' } }),
      form,
      p.agentId ? contactForm : null,
      list('备注', detail.notes, n => `${day(n.at)} ${n.byName}：${n.text}`, '还没有备注。'),
      list('联系记录', detail.contacts, c => `${day(c.at)} ${c.byName}（${c.channel}）：${c.note}`, '还没有联系记录。'),
      list('会话', h.conversations, c => `${day(c.startedAt || c.escalatedAt)} · ${reasonLabel(c.reason)} · ${statusLabel(c.status)}${c.assigneeName ? ' · ' + c.assigneeName : ''}`, '没有会话。'),
      list('投诉', h.complaints, c => `${c.id} · ${c.category || '未分类'} · ${c.state} · ${day(c.openedAt)}`, '没有投诉。'),
      list('回访', h.followUps, f => `${f.subject || '回访'} · ${f.status === 'done' ? '已完成' + (f.result ? '（' + f.result + '）' : '') : (f.overdue ? '已逾期' : '待回访')} · ${f.ownerName || ''}`, '没有回访。'),
      h.orders.orders
        ? list('订单', h.orders.orders, o => [o.orderId, o.status, o.courier, o.trackingNumber].filter(Boolean).join(' · '), '没有订单。')
        : el('section', { className: 'cp-history' }, el('h4', { text: '订单' }), el('p', { className: 'muted', text: h.orders.unavailable })),
    ];
    if (supervisor) parts.push(supervisorTools(p));
    container.replaceChildren(...parts.filter(Boolean));
  }

  function supervisorTools(p) {
    const select = el('select', { attrs: { name: 'agentId', 'aria-label': '负责客服' } });
    const hint = el('span', { className: 'muted cp-suggestion' });
    api(customerPath(p.id) + '/suggested-agent').then(s => {
      select.replaceChildren(el('option', { text: '按均衡规则自动选择', attrs: { value: '' } }),
        ...s.agents.map(a => el('option', { text: `${a.name}（${a.customers} 位客户）`, attrs: { value: a.agentId } })));
      hint.textContent = s.suggested ? `建议：${s.suggested.name}${s.demanding ? '（有投诉记录，优先给擅长处理投诉的客服）' : ''}` : '没有可分配的客服。';
    }).catch(e => { hint.textContent = e.message; });
    const assign = el('form', { className: 'cp-assign inline-form', attrs: { 'aria-label': '分配负责客服' } }, select, el('button', { text: '分配', attrs: { type: 'submit' } }), hint);
    assign.addEventListener('submit', ev => {
      ev.preventDefault();
      run(() => api(customerPath(p.id) + '/assign', { method: 'POST', body: { agentId: select.value || null } }), '已分配。');
    });
    const merge = el('form', { className: 'cp-merge inline-form', attrs: { 'aria-label': '合并重复资料' } },
      el('input', { attrs: { name: 'duplicateId', type: 'text', placeholder: '重复资料的顾客ID', 'aria-label': '重复资料的顾客ID' } }),
      el('button', { text: '合并到这位顾客', attrs: { type: 'submit' } }));
    merge.addEventListener('submit', ev => {
      ev.preventDefault();
      const duplicateId = new FormData(merge).get('duplicateId');
      run(() => api(customerPath(p.id) + '/merge', { method: 'POST', body: { duplicateId } }), '已合并。');
    });
    return el('section', { className: 'cp-supervisor' }, el('h4', { text: '主管操作' }), assign, merge);
  }

  return {
    async show(customerId) {
      if (!customerId) { this.clear(); return; }
      try {
        render(await api(customerPath(customerId)));
      } catch (e) {
        container.hidden = false;
        container.replaceChildren(el('p', { className: 'muted', text: e.message }));
      }
    },
    clear() { current = null; container.hidden = true; container.replaceChildren(); },
    get current() { return current; },
  };
}
