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

  async function post(url, token, body) {
    const headers = token ? { Authorization: 'Bearer ' + token } : {};
    if (body) headers['Content-Type'] = 'application/json';
    const response = await fetch(url, { method: 'POST', headers, body: body ? JSON.stringify(body) : undefined });
    if (!response.ok) throw new Error(url + ' answered ' + response.status);
    return response.json();
  }

  // Demo store sign-in: the picked demo shopper is signed by the store's server (the key never reaches the page) and
  // the signed shopper goes with the token request; changing it starts a new conversation as that shopper.
  const shopperKey = 'chatsupport.demoShopper';
  const picker = document.getElementById('demo-shopper');
  function pickedShopper() { return sessionStorage.getItem(shopperKey) || ''; }
  async function setUpShopperPicker() {
    try {
      const response = await fetch('/api/store/demo-shoppers');
      if (!response.ok) return; // a store with its own signing key has no demo shoppers
      for (const s of await response.json()) {
        const option = document.createElement('option');
        option.value = s.id;
        option.textContent = s.name + '（' + s.shows + '）';
        picker.appendChild(option);
      }
      picker.value = pickedShopper();
      document.getElementById('demo-shopper-label').hidden = false;
      picker.addEventListener('change', () => {
        sessionStorage.setItem(shopperKey, picker.value);
        sessionStorage.removeItem(storageKey);
        location.reload();
      });
    } catch (e) { /* no picker: the chat works anonymously */ }
  }

  async function newChatToken() {
    const shopper = pickedShopper();
    if (!shopper) return post('/api/store/chat-token');
    try {
      const signed = await post('/api/store/demo-shoppers/' + encodeURIComponent(shopper) + '/sign');
      return await post('/api/store/chat-token', null, signed);
    } catch (e) {
      sessionStorage.removeItem(shopperKey);
      return post('/api/store/chat-token');
    }
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
    const fresh = await newChatToken();
    return { token: fresh.token, conversationId: fresh.conversationId, resume: false };
  }

  // A person's messages (the bot relays them from "agent:<id>" with the agent's display name) get the agent's name above
  // the bubble and an avatar of their own, so the shopper sees that a person has joined. React is the page's window.React,
  // which the Web Chat bundle uses too (index.html loads it first); without it the chat works as before, unmarked.
  const React = window.React;
  function agentOf(activity) {
    const from = activity && activity.from;
    if (!from || typeof from.id !== 'string' || from.id.indexOf('agent:') !== 0) return null;
    return { name: typeof from.name === 'string' && from.name ? from.name : '客服' };
  }
  function avatarMiddleware() {
    return next => args => {
      const agent = !args.fromUser && agentOf(args.activity);
      if (!agent || !React) return next(args);
      return () => React.createElement('div', { className: 'agent-avatar', title: '客服 ' + agent.name, 'aria-hidden': 'true' },
        Array.from(agent.name).slice(-1)[0] || '客');
    };
  }
  function activityMiddleware() {
    return next => (...setup) => {
      const render = next(...setup);
      const agent = setup[0] && agentOf(setup[0].activity);
      if (!render || !agent || !React) return render;
      return (...renderArgs) => React.createElement('div', { className: 'agent-message' },
        React.createElement('div', { className: 'agent-name' }, '人工客服 · ' + agent.name),
        render(...renderArgs));
    };
  }

  // Web Chat groups messages by role, so an agent's replies (role bot) joined the bot's group and showed the bot's avatar.
  // Split each sender group where the sender changes between the bot and a person (or one person and another), so every
  // agent's group gets its own avatar from avatarMiddleware.
  function senderKey(activity) {
    const agent = agentOf(activity);
    return agent ? 'agent|' + activity.from.id : 'role|' + ((activity && activity.from && activity.from.role) || '');
  }
  function groupActivitiesMiddleware() {
    return next => args => {
      const groups = next(args);
      if (!groups || !Array.isArray(groups.sender)) return groups;
      const sender = [];
      for (const group of groups.sender) {
        let current = null;
        let key = null;
        for (const activity of group) {
          const k = senderKey(activity);
          if (!current || k !== key) { current = []; sender.push(current); key = k; }
          current.push(activity);
        }
      }
      return Object.assign({}, groups, { sender });
    };
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
        avatarMiddleware,
        activityMiddleware,
        groupActivitiesMiddleware,
        locale: 'zh-CN',
        sendTypingIndicator: true,
        styleOptions: {
          botAvatarInitials: '禾',
          userAvatarInitials: '我',
          accent: '#2f6b3a',
          bubbleFromUserBackground: '#e6f4e8',
          bubbleMaxWidth: 300,
          // Photos of a broken or leaking item and PDFs go to /upload (bot/Attachments checks them); only what the bot accepts is offered.
          hideUploadButton: false,
          uploadAccept: 'image/jpeg,image/png,image/webp,image/heic,image/heif,.heic,.heif,application/pdf',
          uploadMultiple: true,
          // Send a picked photo at once, as the bot's prompt says (Web Chat 4.18 otherwise holds it, unseen, until the send button).
          sendAttachmentOn: 'attach',
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

  setUpShopperPicker().then(start);
})();
