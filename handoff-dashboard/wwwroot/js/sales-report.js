// The reports page's sales section: per agent 接待人数, 转化率, 销售额, 客单价 against the store's average item price and
// response times, each against the team, as Chart.js charts (global Chart from /lib/chart.umd.min.js) and a table.
// The report's default shape is per-agent totals, the team and per-day team series (what this page draws); one agent's days
// are fetched when their name is clicked (&agent=), never all agents' days at once (that is the CSV, or &detail=day).
import { api } from './api.js';
import { el } from './dom.js';

const $ = id => document.getElementById(id);
const charts = {};
const pct = v => (v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%');
const num = v => (v === null || v === undefined ? '—' : String(v));
const signed = v => (v === null || v === undefined ? '—' : (v > 0 ? '+' : '') + v.toFixed(1) + ' 个百分点');

function chart(id, config) {
  if (typeof window.Chart === 'undefined') return; // the table still shows every figure
  charts[id]?.destroy();
  config.options = Object.assign({ responsive: true, maintainAspectRatio: false }, config.options);
  charts[id] = new window.Chart($(id), config);
}

function say(text, ok) { $('sales-status').textContent = text || ''; $('sales-status').className = ok ? 'ok' : 'error'; }

let currentQuery = '';

async function loadAgentDays(agentId, agentName) {
  const box = $('sales-agent-days');
  box.hidden = false;
  $('sales-agent-days-title').textContent = `${agentName} 每日明细`;
  try {
    const r = await api('/api/reports/sales?' + currentQuery + '&agent=' + encodeURIComponent(agentId));
    const days = (r.days || []).filter(d => d.agentId === agentId);
    $('sales-agent-days-rows').replaceChildren(...(days.length ? days.map(d => el('tr', { attrs: { 'data-day': d.day } },
      el('td', { text: d.day }), el('td', { className: 'num', text: d.served }), el('td', { className: 'num', text: d.buyers }),
      el('td', { className: 'num', text: pct(d.conversionRate) }), el('td', { className: 'num', text: d.sales }),
      el('td', { className: 'num', text: num(d.averageOrderValue) }), el('td', { className: 'num', text: num(d.averageResponseSeconds) })))
      : [el('tr', {}, el('td', { text: '这段时间没有数据。', attrs: { colspan: '7' } }))]));
  } catch (e) {
    say(e.message);
  }
}

function agentCell(a) {
  const name = a.agentName || a.agentId;
  if (a.agentId === 'team') return el('td', { text: name });
  const button = el('button', { className: 'link', text: name, attrs: { type: 'button', title: '查看每日明细' } });
  button.addEventListener('click', () => loadAgentDays(a.agentId, name));
  return el('td', {}, button);
}

async function load() {
  const query = new URLSearchParams({ from: $('from').value, to: $('to').value }).toString();
  currentQuery = query;
  $('sales-agent-days').hidden = true;
  $('sales-csv').href = '/api/reports/sales?' + query + '&format=csv';
  try {
    const r = await api('/api/reports/sales?' + query);
    const team = r.team;
    $('sales-store').textContent = `店铺：${r.store.orders} 单，销售额 ${r.store.sales} 元，件均价 ${num(r.store.averageItemPrice)} 元。团队：转化率 ${pct(team.conversionRate)}，客单价 ${num(team.averageOrderValue)} 元。`;
    const rows = [...r.agents, team];
    $('sales').replaceChildren(...rows.map(a => el('tr', { className: a.agentId === 'team' ? 'team-row' : (a.conversionVsTeam < 0 ? 'below-team' : ''), attrs: { 'data-agent': a.agentId } },
      agentCell(a), el('td', { className: 'num', text: a.served }), el('td', { className: 'num', text: a.buyers }),
      el('td', { className: 'num', text: pct(a.conversionRate) }), el('td', { className: 'num', text: a.agentId === 'team' ? '' : signed(a.conversionVsTeam) }),
      el('td', { className: 'num', text: a.sales }), el('td', { className: 'num', text: num(a.averageOrderValue) }),
      el('td', { className: 'num', text: num(a.averageOrderValueToItemPrice) }), el('td', { className: 'num', text: num(a.averageResponseSeconds) }),
      el('td', { className: 'num', text: num(a.firstResponseSeconds) }))));
    const labels = r.agents.map(a => a.agentName || a.agentId);
    const perAgent = r.agents.length ? team.sales / Math.max(1, r.agents.length) : 0;
    chart('chart-sales', {
      type: 'bar',
      data: { labels, datasets: [
        { label: '销售额(元)', data: r.agents.map(a => a.sales) },
        { label: '团队人均(元)', data: r.agents.map(() => perAgent), type: 'line' },
      ] },
    });
    chart('chart-conversion', {
      type: 'bar',
      data: { labels, datasets: [
        { label: '转化率(%)', data: r.agents.map(a => (a.conversionRate === null ? null : a.conversionRate * 100)) },
        { label: '团队(%)', data: r.agents.map(() => (team.conversionRate === null ? null : team.conversionRate * 100)), type: 'line' },
      ] },
    });
    const agentSales = new Map(r.teamDays.map(d => [d.day, d.sales]));
    chart('chart-sales-daily', {
      type: 'line',
      data: { labels: r.storeDays.map(d => d.day), datasets: [
        { label: '店铺销售额(元)', data: r.storeDays.map(d => d.sales) },
        { label: '客服促成(元)', data: r.storeDays.map(d => agentSales.get(d.day) ?? 0) },
      ] },
    });
    say('', true);
  } catch (e) {
    say(e.message);
  }
}

$('range').addEventListener('submit', () => load());
// reports.js fills the dates first; wait a tick for it.
setTimeout(load, 0);
