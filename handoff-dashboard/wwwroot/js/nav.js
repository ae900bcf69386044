// The signed-in user and the after-sales pages' navigation bar.
import { api } from './api.js';
import { el } from './dom.js';

let me = null;

/** GET /api/auth/me, once per page. */
export async function currentUser() {
  if (!me) me = await api('/api/auth/me');
  return me;
}

export const isSupervisor = user => user.roles.includes('supervisor') || user.roles.includes('admin');

/** Puts the navigation bar on top of the page (the admin-only links for admins) and resolves to the user. */
export async function nav(active) {
  const user = await currentUser();
  const links = [['/', '首页'], ['/complaints.html', '投诉登记'], ['/follow-ups.html', '回访与留言'], ['/customers.html', '客户'], ['/handovers.html', '交接班'], ['/reports.html', '报表']];
  if (user.roles.includes('admin')) links.push(['/knowledge.html', '知识库']);
  const bar = el('nav', { class: 'aftersales', 'aria-label': '售后导航' });
  for (const [href, label] of links) bar.append(el('a', { href, text: label, 'aria-current': href === active ? 'page' : null }));
  bar.append(el('span', { class: 'muted nav-user', text: user.displayName }));
  document.body.prepend(bar);
  return user;
}
