import { api } from './api.js';
import { el, say } from './dom.js';
import { isoDay } from './format.js';
import { nav, isSupervisor } from './nav.js';

(async () => {
  const user = await nav('/reports.html');
  const supervisor = isSupervisor(user);
  const $ = (id) => document.getElementById(id);
  const charts = {};
  const pct = (v) => (v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%');
  const num = (v) => (v === null || v === undefined ? '—' : String(v));

  // Chart.js is optional: without /lib/chart.umd.min.js the tables still show every figure.
  function chart(id, config) {
    if (typeof window.Chart === 'undefined') return;
    if (charts[id]) charts[id].destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false }, config.options);
    charts[id] = new window.Chart($(id), config);
  }

  const today = new Date();
  $('to').value = isoDay(today);
  $('from').value = isoDay(new Date(today.getTime() - 6 * 86400000));
  $('complaints-section').hidden = !supervisor;
  $('bot-section').hidden = !supervisor;

  async function loadAgents(query) {
    $('agents-csv').href = '/api/reports/agents?' + query + '&format=csv';
    const report = await api('/api/reports/agents?' + query);
    $('agents').replaceChildren(...report.agents.map((r) => el('tr', {},
      el('td', { text: r.agentName || r.agentId }), el('td', { class: 'num', text: r.chatsHandled }),
      el('td', { class: 'num', text: num(r.firstResponseSeconds) }), el('td', { class: 'num', text: num(r.averageResponseSeconds) }),
      el('td', { class: 'num', text: num(r.resolutionSeconds) }), el('td', { class: 'num', text: r.satisfied }),
      el('td', { class: 'num', text: r.neutral }), el('td', { class: 'num', text: r.dissatisfied }),
      el('td', { class: 'num', text: pct(r.satisfactionRate) }), el('td', { class: 'num', text: r.phraseWarnings }))));
    chart('chart-agents', {
      type: 'bar',
      data: {
        labels: report.agents.map((r) => r.agentName || r.agentId),
        datasets: [
          { label: '首次响应(秒)', data: report.agents.map((r) => r.firstResponseSeconds) },
          { label: '平均响应(秒)', data: report.agents.map((r) => r.averageResponseSeconds) },
        ],
      },
    });
    const days = [...new Set(report.days.map((r) => r.day))].sort();
    const agents = [...new Set(report.days.map((r) => r.agentId))];
    chart('chart-daily', {
      type: 'line',
      data: {
        labels: days,
        datasets: agents.map((a) => ({
          label: (report.days.find((r) => r.agentId === a) || {}).agentName || a,
          data: days.map((d) => (report.days.find((r) => r.day === d && r.agentId === a) || { chatsHandled: 0 }).chatsHandled),
        })),
      },
    });
  }

  async function loadComplaints(query) {
    $('complaints-csv').href = '/api/reports/complaints?' + query + '&format=csv';
    const report = await api('/api/reports/complaints?' + query);
    const table = $('classification');
    table.tHead.replaceChildren(el('tr', {}, el('th', { text: '类别' }), ...report.states.map((s) => el('th', { class: 'num', text: s })), el('th', { class: 'num', text: '合计' })));
    const rows = [...report.categories, report.total].map((r) => el('tr', { 'data-category': r.category },
      el('th', { scope: 'row', text: r.category }),
      ...report.states.map((s) => el('td', { class: 'num', 'data-category': r.category, 'data-state': s, text: r.byState[s] })),
      el('td', { class: 'num', 'data-category': r.category, 'data-state': '合计', text: r.total })));
    table.tBodies[0].replaceChildren(...rows);
    $('follow-ups-summary').textContent = '回访与留言：完成 ' + report.followUpsDone + ' 条，按时 ' + report.followUpsOnTime + ' 条（' + pct(report.followUpsOnTimeRate) + '）。';
  }

  async function loadBot(query) {
    $('bot-csv').href = '/api/reports/bot?' + query + '&format=csv';
    const report = await api('/api/reports/bot?' + query);
    $('bot').replaceChildren(...[...report.days, report.total].map((r) => el('tr', {},
      el('td', { text: r.day || '合计' }), el('td', { class: 'num', text: r.conversations }), el('td', { class: 'num', text: r.handoffs }),
      el('td', { class: 'num', text: r.handoffsAfterSales }), el('td', { class: 'num', text: r.handoffsComplaint }),
      el('td', { class: 'num', text: r.handoffsHuman }), el('td', { class: 'num', text: r.cases }),
      el('td', { class: 'num', text: pct(r.containmentRate) }))));
    chart('chart-containment', {
      type: 'line',
      data: { labels: report.days.map((r) => r.day), datasets: [{ label: '自助解决率(%)', data: report.days.map((r) => (r.containmentRate === null ? null : r.containmentRate * 100)) }] },
    });
    chart('chart-reasons', {
      type: 'doughnut',
      data: { labels: ['售后', '投诉', '要求人工'], datasets: [{ data: [report.total.handoffsAfterSales, report.total.handoffsComplaint, report.total.handoffsHuman] }] },
    });
  }

  async function load() {
    const query = new URLSearchParams({ from: $('from').value, to: $('to').value }).toString();
    say($('range-status'), '加载中…', true);
    try {
      await Promise.all([loadAgents(query), supervisor ? loadComplaints(query) : null, supervisor ? loadBot(query) : null]);
      say($('range-status'), '', true);
    } catch (e) {
      say($('range-status'), e.message);
    }
  }

  $('range').addEventListener('submit', (ev) => { ev.preventDefault(); load(); });
  await load();
})();
