// Chinese labels and time formatting shared by the pages.

const reasons = { complaint: '投诉', 'after-sales': '售后', human: '转人工' };
const statuses = { WithBot: '机器人接待', WaitingForAgent: '排队中', WithAgent: '人工服务中', Closed: '已结束' };
const senders = { customer: '顾客', bot: '机器人', agent: '客服', system: '系统', note: '内部备注' };

export const reasonLabel = reason => reasons[reason] || reason || '转人工';
export const statusLabel = status => statuses[status] || status || '';
export const senderLabel = sender => senders[sender] || sender;

export function timeLabel(value) {
  if (!value) return '';
  const date = new Date(value);
  return date.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
}

export function waitingLabel(seconds) {
  const minutes = Math.floor(seconds / 60);
  return minutes < 1 ? '刚刚' : `已等 ${minutes} 分钟`;
}

/** Creates an element with text set through textContent: shopper text is never parsed as HTML. */
export function el(tag, { className, text, attrs } = {}, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [name, value] of Object.entries(attrs || {})) node.setAttribute(name, value);
  for (const child of children) if (child) node.append(child);
  return node;
}
