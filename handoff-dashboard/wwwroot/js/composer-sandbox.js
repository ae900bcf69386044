// Moved out of composer-sandbox.html: the Content-Security-Policy runs no inline scripts.
  (async function () {
    const me = await fetch('/api/auth/me', { credentials: 'same-origin' });
    if (me.status === 401) { location.href = '/login.html?returnUrl=' + encodeURIComponent(location.pathname); return; }
    const user = await me.json();
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

    const script = document.createElement('script');
    script.src = '/js/canned-replies.js';
    script.onload = () => {
      window.CannedReplies.setContext(ctx);
      window.CannedReplies.refresh();
      window.CannedReplies.assist(shopper);
    };
    document.body.appendChild(script);

    const input = document.getElementById('composer-input');
    const status = document.getElementById('send-status');
    let confirmed = null; // draft the agent chose to send despite the warning
    input.addEventListener('input', () => { confirmed = null; });
    document.getElementById('composer-send').addEventListener('click', async () => {
      const text = input.value.trim();
      if (!text) return;
      const check = await window.CannedReplies.checkBeforeSend(text);
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
