// Chinese labels and time formatting shared by the pages.

const reasons = { complaint: '投诉', 'after-sales': '售后', human: '转人工' };
const statuses = { WithBot: '机器人接待', WaitingForAgent: '排队中', WithAgent: '人工服务中', Closed: '已结束' };
const senders = { customer: '顾客', bot: '机器人', agent: '客服', system: '系统', note: '内部备注' };

export const reasonLabel = reason => reasons[reason] || reason || '转人工';
export const statusLabel = status => statuses[status] || status || '';
export const senderLabel = sender => senders[sender] || sender;

/** Hours and minutes (chat lines). */
export function timeLabel(value) {
  if (!value) return '';
  const date = new Date(value);
  return date.toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
}

/** Date and time, 24-hour (registers, lists); empty for nothing or an unreadable value. */
export function dateTimeLabel(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return isNaN(d) ? '' : d.toLocaleString('zh-CN', { hour12: false });
}

export function waitingLabel(seconds) {
  const minutes = Math.floor(seconds / 60);
  return minutes < 1 ? '刚刚' : `已等 ${minutes} 分钟`;
}

/** yyyy-MM-dd of a date (UTC), as the report and date inputs take it. */
export const isoDay = d => d.toISOString().slice(0, 10);
