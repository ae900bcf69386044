// Store page chat: gets a conversation token from the store's own server (never the Direct Line
// secret), renders the official Web Chat against the bot's embedded Direct Line, and resumes the
// same conversation after a reload of the page within the browser session.
(function () {
  'use strict';
  const storageKey = 'chatsupport.conversation';
  const domain = location.origin + '/v3/directline';
  const statusEl = document.getElementById('chat-status');
  const panel = document.getElementById('chat-panel');
  const launcher = document.getElementById('chat-launcher');

  document.getElementById('chat-close').addEventListener('click', () => {
    panel.hidden = true;
    launcher.setAttribute('aria-expanded', 'false');
  });
  launcher.addEventListener('click', () => {
    panel.hidden = false;
    launcher.setAttribute('aria-expanded', 'true');
  });

  function setStatus(text) { statusEl.textContent = text; }

  async function post(url, token) {
    const headers = token ? { Authorization: 'Bearer ' + token } : {};
    const response = await fetch(url, { method: 'POST', headers });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  }

  // Resume the conversation of this browser session when its token can still be refreshed.
  async function conversationToken() {
    const saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
    if (saved && saved.conversationId && saved.token) {
      try {
        const refreshed = await post(domain + '/tokens/refresh', saved.token);
        return { token: refreshed.token, conversationId: refreshed.conversationId, resume: true };
      } catch (e) {
        sessionStorage.removeItem(storageKey);
      }
    }
    const fresh = await post('/api/store/chat-token');
    return { token: fresh.token, conversationId: fresh.conversationId, resume: false };
  }

  async function start() {
    try {
      const session = await conversationToken();
      sessionStorage.setItem(storageKey, JSON.stringify({ conversationId: session.conversationId, token: session.token }));
      const options = { token: session.token, domain };
      if (session.resume) {
        options.conversationId = session.conversationId;
        options.watermark = '0';
      }
      const directLine = window.WebChat.createDirectLine(options);
      directLine.connectionStatus$.subscribe({
        next(status) {
          // 2 = Online, 3 = ExpiredToken, 4 = FailedToConnect, 5 = Ended
          if (status === 2) setStatus('');
          else if (status === 1) setStatus('正在连接客服…');
          else if (status >= 3) {
            setStatus('连接已断开，正在为您重新连接…');
            sessionStorage.removeItem(storageKey);
          }
        },
        error() { setStatus('连接已断开，请刷新页面重试。'); },
      });
      window.WebChat.renderWebChat({
        directLine,
        locale: 'zh-CN',
        sendTypingIndicator: true,
        styleOptions: {
          botAvatarInitials: '禾',
          userAvatarInitials: '我',
          accent: '#2f6b3a',
          bubbleFromUserBackground: '#e6f4e8',
          bubbleMaxWidth: 300,
          hideUploadButton: true,
          suggestedActionLayout: 'flow',
          primaryFont: '"PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif',
        },
      }, document.getElementById('webchat'));
      // Keep the token of this session fresh for a reload (Web Chat refreshes its own copy every 15 min).
      setInterval(async () => {
        const saved = JSON.parse(sessionStorage.getItem(storageKey) || 'null');
        if (!saved) return;
        try {
          const refreshed = await post(domain + '/tokens/refresh', saved.token);
          sessionStorage.setItem(storageKey, JSON.stringify({ conversationId: saved.conversationId, token: refreshed.token }));
        } catch (e) { /* the next page load starts a new conversation */ }
      }, 10 * 60 * 1000);
    } catch (e) {
      setStatus('客服暂时连接不上，请稍后刷新页面重试。');
    }
  }

  start();
})();
