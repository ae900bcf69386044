// The after-sales side of a chat: the intake summary pinned above the transcript (reason, order card, the problem in
// the shopper's words, photos) and the order panel beside it (the shopper's orders, the one in question first, with
// status and tracking events). Everything shown is the shopper's or the store's text: set as text, never as HTML.
import { api, conversationPath } from './api.js';
import { el, $ } from './dom.js';
import { reasonLabel } from './format.js';
import { attachmentList } from './attachments.js';

const outcomes = { complete: '信息已收集', skipped: '顾客跳过了部分问题', stalled: '顾客未回复，已直接转接', interrupted: '顾客要求直接转人工', 'parcel-trouble': '机器人查询物流后转接' };
const statuses = {
  pending: '待付款', paid: '已付款，待发货', shipped: '已发货', in_transit: '运输中', out_for_delivery: '派送中',
  delivered: '已签收', exception: '物流异常', returned: '已退回',
};

const money = (total, currency) => (currency === 'CNY' ? '¥' : '') + Number(total).toFixed(2).replace(/\.00$/, '') + (currency === 'CNY' ? '' : ' ' + currency);
const when = value => value ? new Date(value).toLocaleString('zh-CN', { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }) : '';

function orderCard(order) {
  const items = (order.items || []).map(i => `${i.name} ×${i.quantity}`).join('、');
  return el('div', { className: 'order-card' },
    el('div', { text: `订单号 ${order.orderId} · ${order.statusText || statuses[order.status] || order.status}` }),
    items ? el('div', { text: `商品：${items}，合计 ${money(order.total, order.currency)}` }) : null,
    order.courier || order.trackingNumber ? el('div', { text: `快递：${order.courier || ''} ${order.trackingNumber || ''}` }) : null,
    order.latestEvent ? el('div', { className: 'muted', text: `最新物流：${when(order.latestEvent.time)} ${order.latestEvent.description}${order.latestEvent.location ? '（' + order.latestEvent.location + '）' : ''}` }) : null);
}

/** Pins the intake summary of the chat at the top (hidden when the handoff had none). */
// The chat view may be opened twice in quick succession (accept, then the assignment push): only the latest call draws.
const latest = { summary: 0, orders: 0 };

export async function showIntakeSummary(conversationId) {
  const box = $('intake-summary');
  const call = ++latest.summary;
  box.replaceChildren();
  box.hidden = true;
  let summary;
  try {
    summary = await api(conversationPath(conversationId) + '/intake');
  } catch (e) {
    if (call !== latest.summary) return null;
    if (e.status !== 404) { box.append(el('p', { className: 'error', text: e.message })); box.hidden = false; }
    return null;
  }
  if (call !== latest.summary) return null;
  box.replaceChildren(
    el('h3', { text: `售后信息 · ${reasonLabel(summary.reason)} · ${outcomes[summary.outcome] || ''}` }),
    summary.order
      ? orderCard(summary.order)
      : el('div', { className: 'order-card', text: summary.orderId ? `订单号 ${summary.orderId}（顾客提供，未核对）` : '订单号：顾客未提供' }),
    summary.order && !summary.orderVerified ? el('div', { className: 'muted', text: '订单号由顾客输入，未在顾客账号下核对。' }) : null,
    summary.finding ? el('div', { className: 'finding' }, el('strong', { text: '机器人发现：' }), el('span', { text: summary.finding })) : null,
    el('div', { className: 'problem' }, el('strong', { text: '顾客原话：' }), el('span', { text: summary.problem })),
    summary.photos?.length
      ? attachmentList(summary.photos)
      : summary.outcome === 'parcel-trouble' ? null
      : el('div', { className: 'muted', text: summary.photoRequested ? '照片：已请顾客拍照，暂未收到' : '照片：无' }));
  box.hidden = false;
  return summary;
}

/** Fills the order panel: the shopper's orders, the one the intake is about first. */
export async function showOrders(conversationId) {
  const panel = $('order-panel');
  const call = ++latest.orders;
  panel.replaceChildren(el('h3', { text: '顾客订单' }));
  let data;
  try {
    data = await api(conversationPath(conversationId) + '/orders');
  } catch (e) {
    if (call === latest.orders) panel.append(el('p', { className: 'muted', text: e.message }));
    return;
  }
  if (call !== latest.orders) return;
  if (!data.orders.length) { panel.append(el('p', { className: 'muted', text: '这位顾客最近没有订单。' })); return; }
  for (const order of data.orders) {
    const inQuestion = data.orderInQuestion && order.orderId === data.orderInQuestion;
    const events = [...(order.trackingEvents || [])].sort((a, b) => new Date(b.time) - new Date(a.time));
    const latest = events[0];
    const section = el('section', { className: 'order' + (inQuestion ? ' in-question' : ''), attrs: { 'data-order-id': order.orderId } },
      el('div', { className: 'order-head' },
        el('strong', { text: order.orderId }),
        inQuestion ? el('span', { className: 'tag tag-after-sales', text: '本次售后' }) : null,
        el('span', { className: 'tag', text: statuses[order.status] || order.status })),
      el('div', { text: (order.items || []).map(i => `${i.name} ×${i.quantity}`).join('、') + ` · ${money(order.total, order.currency)}` }),
      el('div', { className: 'muted', text: `下单 ${when(order.placedAt)}` }),
      order.courier || order.trackingNumber ? el('div', { text: `${order.courier || ''} ${order.trackingNumber || ''}` }) : null,
      latest ? el('div', { className: 'muted', text: `最新：${when(latest.time)} ${latest.description}` }) : null);
    if (events.length) {
      section.append(el('details', { attrs: inQuestion ? { open: '' } : {} },
        el('summary', { text: `物流记录（${events.length}）` }),
        el('ol', { className: 'tracking' }, ...events.map(e => el('li', { text: `${when(e.time)} ${e.description}${e.location ? '（' + e.location + '）' : ''}` })))));
    }
    panel.append(section);
  }
}
