// The composer sandbox page: the canned-replies module on a plain textarea with a made-up chat context.
import { cannedReplies } from './canned-replies.js';
import { currentUser } from './nav.js';

(async function () {
  const user = await currentUser();
  const params = new URLSearchParams(location.search);
  const ctx = {
    customerName: params.get('customer') || '王女士',
    orderNumber: params.get('order') || 'DD20260101001',
    agentNumber: params.get('agent') || user.userName,
    shopName: params.get('shop') || '小雅家居旗舰店',
  };
  document.getElementById('ctx-customer').textContent = ctx.customerName;
  document.getElementById('ctx-order').textContent = ctx.orderNumber;
  document.getElementById('ctx-agent').textContent = ctx.agentNumber;
  document.getElementById('ctx-shop').textContent = ctx.shopName;
  const shopper = params.get('said') || '我想退款，请问怎么操作？';
  document.getElementById('shopper-latest').textContent = shopper;
  document.querySelector('main').hidden = false;

  cannedReplies.setContext(ctx);
  cannedReplies.refresh();
  cannedReplies.assist(shopper);

  const input = document.getElementById('composer-input');
  const status = document.getElementById('send-status');
  let confirmed = null; // draft the agent chose to send despite the warning
  input.addEventListener('input', () => { confirmed = null; });
  document.getElementById('composer-send').addEventListener('click', async () => {
    const text = input.value.trim();
    if (!text) return;
    const check = await cannedReplies.checkBeforeSend(text);
    if (check.unfilled.length) { status.textContent = '有变量未填写，未发送。'; return; }
    if (!check.ok && confirmed !== text) {
      confirmed = text;
      status.textContent = '请留意上面的提示；再次点击“发送”仍会发送。';
      return;
    }
    const li = document.createElement('li');
    li.textContent = text;
    document.getElementById('messages').appendChild(li);
    input.value = '';
    confirmed = null;
    status.textContent = '已发送';
  });
})();
