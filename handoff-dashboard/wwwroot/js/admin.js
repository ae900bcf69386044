// Admin page: list agents, create them, edit roles / skills / limits.
import { api } from './api.js';
import { el } from './dom.js';

const roleNames = { agent: '客服', supervisor: '主管', admin: '管理员' };
const skillNames = { general: '通用', 'after-sales': '售后', complaints: '投诉' };
const statusNames = { online: '在线', away: '离开', offline: '离线' };
const form = document.getElementById('create-form');
const message = document.getElementById('create-message');

const checked = (root, name) => [...root.querySelectorAll(`input[name="${name}"]:checked`)].map(i => i.value);

function checkboxes(name, names, selected) {
  return el('span', {}, ...Object.entries(names).map(([value, label]) => {
    const input = el('input', { attrs: { type: 'checkbox', name, value } });
    input.checked = selected.includes(value);
    return el('label', {}, input, document.createTextNode(label + ' '));
  }));
}

async function load() {
  const agents = await api('/api/agents');
  document.getElementById('agents-body').replaceChildren(...agents.map(a => {
    const row = el('tr', {},
      el('td', { text: a.userName }),
      el('td', { text: a.displayName }),
      el('td', {}, checkboxes('roles', roleNames, a.roles)),
      el('td', {}, checkboxes('skills', skillNames, a.skills)),
      el('td', {}, el('input', { attrs: { type: 'number', min: '0', max: '50', value: String(a.maxConcurrentChats), name: 'max', 'aria-label': '同时接待上限' } })),
      el('td', { text: a.disabled ? '已停用' : (statusNames[a.status] || a.status) }),
      el('td', { text: String(a.load) }));
    const save = el('button', { text: '保存', attrs: { type: 'button' } });
    save.addEventListener('click', async () => {
      try {
        await api('/api/agents/' + encodeURIComponent(a.id), {
          method: 'PUT',
          body: { roles: checked(row, 'roles'), skills: checked(row, 'skills'), maxConcurrentChats: Number(row.querySelector('input[name="max"]').value) },
        });
        save.textContent = '已保存';
      } catch (e) { alert(e.message); }
    });
    // Disabling ends the account's sessions within a minute and stops it signing in.
    const toggle = el('button', { text: a.disabled ? '启用' : '停用', attrs: { type: 'button', 'aria-label': (a.disabled ? '启用 ' : '停用 ') + a.userName } });
    toggle.addEventListener('click', async () => {
      if (!a.disabled && !confirm(`停用 ${a.displayName}？其登录会话将在一分钟内失效。`)) return;
      try {
        await api('/api/agents/' + encodeURIComponent(a.id) + (a.disabled ? '/enable' : '/disable'), { method: 'POST' });
        await load();
      } catch (e) { alert(e.message); }
    });
    row.append(el('td', {}, save, document.createTextNode(' '), toggle));
    return row;
  }));
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  message.textContent = '';
  try {
    await api('/api/agents', {
      method: 'POST',
      body: {
        userName: form.userName.value, displayName: form.displayName.value, password: form.password.value,
        employeeNumber: form.employeeNumber.value || null, maxConcurrentChats: Number(form.maxConcurrentChats.value),
        roles: checked(form, 'roles'), skills: checked(form, 'skills'),
      },
    });
    message.textContent = '已创建。';
    form.reset();
    await load();
  } catch (e) {
    message.textContent = e.message;
    message.className = 'error';
  }
});

load().catch(e => { message.textContent = e.message; });
