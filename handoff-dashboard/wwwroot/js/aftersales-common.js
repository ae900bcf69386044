'use strict';
// Shared helpers of the after-sales pages. Every piece of text from the server is put in the page with
// textContent (never innerHTML): shopper and agent text is not trusted as HTML.
window.AfterSales = (() => {
  let csrf = null;
  let me = null;

  async function antiforgery() {
    if (csrf === null) {
      const r = await fetch('/api/auth/antiforgery', { credentials: 'same-origin' });
      csrf = r.ok ? await r.json() : {};
    }
    return csrf;
  }

  function problemText(data, status) {
    if (data && typeof data === 'object') {
      const lines = [];
      if (data.title) lines.push(data.title);
      if (Array.isArray(data.errors)) {
        for (const e of data.errors) lines.push((e.line ? '第 ' + e.line + ' 行：' : '') + e.reason);
      } else if (data.errors && typeof data.errors === 'object') {
        for (const msgs of Object.values(data.errors)) for (const m of msgs) lines.push(m);
      }
      if (lines.length) return lines.join('\n');
    }
    if (status === 403) return '没有权限进行这个操作。';
    return '请求失败（' + status + '），请稍后再试。';
  }

  async function api(method, url, body) {
    const headers = { Accept: 'application/json' };
    if (method !== 'GET') {
      const t = await antiforgery();
      if (t.headerName && t.token) headers[t.headerName] = t.token;
    }
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const r = await fetch(url, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    if (r.status === 401) {
      location.href = '/login.html?returnUrl=' + encodeURIComponent(location.pathname + location.search);
      throw new Error('请先登录。');
    }
    const text = await r.text();
    let data = null;
    if (text) { try { data = JSON.parse(text); } catch { data = text; } }
    if (!r.ok) {
      const err = new Error(problemText(data, r.status));
      err.status = r.status;
      err.data = data;
      throw err;
    }
    return data;
  }

  /** el('td', { text: 'x', class: 'num', onclick: fn }, child...) */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'text') e.textContent = String(v);
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }

  function time(iso) {
    if (!iso) return '';
    const d = new Date(iso);
    return isNaN(d) ? '' : d.toLocaleString('zh-CN', { hour12: false });
  }

  async function currentUser() {
    if (!me) me = await api('GET', '/api/auth/me');
    return me;
  }

  function isSupervisor(user) { return user.roles.includes('supervisor') || user.roles.includes('admin'); }

  async function nav(active) {
    const user = await currentUser();
    const links = [['/', '首页'], ['/complaints.html', '投诉登记'], ['/follow-ups.html', '回访与留言'], ['/customers.html', '客户'], ['/handovers.html', '交接班'], ['/reports.html', '报表']];
    if (user.roles.includes('admin')) links.push(['/knowledge.html', '知识库']);
    const bar = el('nav', { class: 'aftersales', 'aria-label': '售后导航' });
    for (const [href, label] of links) bar.append(el('a', { href, text: label, 'aria-current': href === active ? 'page' : null }));
    bar.append(el('span', { class: 'muted nav-user', text: user.displayName }));
    document.body.prepend(bar);
    return user;
  }

  function say(target, message, ok) {
    target.textContent = message || '';
    target.className = ok ? 'ok' : 'error';
  }

  function options(select, values, selected, empty) {
    select.replaceChildren();
    if (empty !== undefined) select.append(el('option', { value: '', text: empty }));
    for (const v of values) select.append(el('option', { value: v, text: v, selected: v === selected }));
  }

  function isoDay(d) { return d.toISOString().slice(0, 10); }

  return { api, el, time, nav, say, options, currentUser, isSupervisor, isoDay };
})();
