// The reply box of the chat view.
//
// Extension hook (canned replies, quick phrases, phrase checks):
//
//   import { onComposerReady } from './composer.js';
//   onComposerReady(composer => {
//     composer.textarea;               // <textarea id="composer-input">
//     composer.panel;                  // <aside id="phrase-panel">, a side panel the extension may fill
//     composer.conversationId();       // the open conversation's id, or null
//     composer.insertText('text');     // inserts at the caret (replacing the selection) and focuses
//     composer.setText('text');        // replaces the whole draft
//     composer.onConversationChange(id => { ... });   // another chat opened (or null: none)
//     composer.addSendCheck(async text => null | '错误提示'); // a message stops the send and is shown
//   });
//
// Load the extension's module from index.html after workspace.js. Key handling: the composer sends on
// Enter (Shift+Enter = new line) unless the keydown event was already defaultPrevented, so a popup that
// uses Enter to pick an item registers its keydown listener and calls event.preventDefault().

const readyCallbacks = [];
let instance = null;

export function onComposerReady(callback) {
  if (instance) callback(instance);
  else readyCallbacks.push(callback);
}

/**
 * Mounts the composer. `send(text)` delivers a message (rejects with an Error whose message is shown);
 * `typing()` is called at most every 2 s while the agent types.
 */
export function mountComposer({ send, typing, maxLength = 2000 }) {
  const textarea = document.getElementById('composer-input');
  const panel = document.getElementById('phrase-panel');
  const button = document.getElementById('send-button');
  const error = document.getElementById('composer-error');
  const count = document.getElementById('composer-count');
  const changeListeners = [];
  const sendChecks = [];
  let conversationId = null;
  let lastTyping = 0;

  const updateCount = () => {
    const length = textarea.value.length;
    count.textContent = length > maxLength * 0.8 ? `${length}/${maxLength}` : '';
    count.classList.toggle('error', length > maxLength);
  };

  async function submit() {
    const text = textarea.value;
    error.textContent = '';
    if (!text.trim()) { error.textContent = '消息不能为空。'; return; }
    if (text.length > maxLength) { error.textContent = `消息过长（最多 ${maxLength} 个字）。`; return; }
    for (const check of sendChecks) {
      const problem = await check(text);
      if (problem) { error.textContent = problem; return; }
    }
    textarea.value = '';
    updateCount();
    try {
      await send(text);
    } catch (e) {
      error.textContent = e.message;
    }
  }

  textarea.addEventListener('keydown', event => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing && !event.defaultPrevented) {
      event.preventDefault();
      submit();
    }
  });
  textarea.addEventListener('input', () => {
    updateCount();
    const now = Date.now();
    if (conversationId && now - lastTyping > 2000) {
      lastTyping = now;
      typing(conversationId);
    }
  });
  button.addEventListener('click', submit);

  instance = {
    textarea,
    panel,
    conversationId: () => conversationId,
    insertText(text) {
      const start = textarea.selectionStart ?? textarea.value.length;
      const end = textarea.selectionEnd ?? start;
      textarea.setRangeText(text, start, end, 'end');
      textarea.dispatchEvent(new Event('input'));
      textarea.focus();
    },
    setText(text) {
      textarea.value = text;
      textarea.dispatchEvent(new Event('input'));
      textarea.focus();
    },
    onConversationChange: listener => changeListeners.push(listener),
    addSendCheck: check => sendChecks.push(check),
  };
  for (const callback of readyCallbacks.splice(0)) callback(instance);

  return {
    /** Called by the chat view when another chat opens (null: none) or the agent can(not) reply. */
    setConversation(id, canReply) {
      if (id !== conversationId) {
        conversationId = id;
        error.textContent = '';
        for (const listener of changeListeners) listener(id);
      }
      document.getElementById('composer').hidden = !canReply;
    },
  };
}
