// The official botframework-directlinejs client, unmodified, against the embedded Direct Line of a
// real bot process (built by test.sh) on a real redis-server. Both are started here on free ports.
'use strict';
const test = require('node:test');
const assert = require('node:assert');
const { spawn } = require('node:child_process');
const net = require('node:net');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// xhr2 sends strings and buffers only; a browser's XMLHttpRequest also sends FormData (the upload does). This sends it as
// a browser would: the multipart body and its boundary as Node's own fetch encodes them.
const NodeXhr = require('xhr2');
global.XMLHttpRequest = class extends NodeXhr {
  send(data) {
    if (!(data instanceof FormData)) return super.send(data);
    const encoded = new Request('http://localhost/', { method: 'POST', body: data });
    encoded.arrayBuffer().then((body) => {
      this.setRequestHeader('Content-Type', encoded.headers.get('content-type'));
      super.send(Buffer.from(body));
    });
  }
};
global.WebSocket = require('ws');
const { DirectLine, ConnectionStatus } = require('botframework-directlinejs');

const repo = path.resolve(__dirname, '..', '..');
const botDll = ['Release', 'Debug']
  .map((c) => path.join(repo, 'bot', 'bin', c, 'net10.0', 'ChatSupport.Bot.dll'))
  .find((p) => fs.existsSync(p));

function freePort() {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

async function waitFor(check, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try { if (await check()) return; } catch (e) { /* not yet */ }
    if (Date.now() > deadline) throw new Error('timed out waiting for ' + what);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let redis, bot, base;
const secret = 'node-test-secret-0123456789';

test.before(async () => {
  assert.ok(botDll, 'build the bot first (test.sh does): dotnet build -c Release');
  const redisPort = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-node-redis-'));
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--dir', dir, '--save', ''], { stdio: 'ignore' });
  const botPort = await freePort();
  base = `http://127.0.0.1:${botPort}`;
  bot = spawn('dotnet', [botDll, '--urls', base], {
    stdio: 'ignore',
    env: {
      ...process.env,
      ConnectionStrings__Redis: `127.0.0.1:${redisPort}`,
      DirectLine__Secret: secret,
      Knowledge__Path: path.join(repo, 'knowledge'),
      Attachments__Folder: fs.mkdtempSync(path.join(os.tmpdir(), 'cs-node-files-')),
    },
  });
  // 90 s: on a loaded shared machine the bot's start (knowledge load, classifier training) took longer than 30 s.
  await waitFor(async () => (await fetch(base + '/readyz')).ok, 90000, 'the bot to be ready');
});

test.after(() => {
  bot && bot.kill();
  redis && redis.kill();
});

async function storeToken() {
  const response = await fetch(base + '/api/store/chat-token', { method: 'POST' });
  assert.strictEqual(response.status, 200);
  return response.json();
}

function collect(directLine) {
  const seen = [];
  const waiters = [];
  directLine.activity$.subscribe({
    next(activity) {
      seen.push(activity);
      for (const w of [...waiters]) if (w.match(activity)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(activity); }
    },
    error() { /* end() errors the stream */ },
  });
  return {
    seen,
    next(match, timeoutMs = 10000) {
      const found = seen.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const w = { match, resolve };
        waiters.push(w);
        setTimeout(() => reject(new Error('no matching activity within ' + timeoutMs + ' ms')), timeoutMs);
      });
    },
  };
}

function postMessage(directLine, text) {
  return new Promise((resolve, reject) => {
    directLine.postActivity({ type: 'message', from: { id: 'ignored', name: '顾客' }, text, locale: 'zh-CN' })
      .subscribe({ next: resolve, error: reject });
  });
}

const isBotMessage = (a) => a.type === 'message' && a.from && a.from.role === 'bot';

for (const webSocket of [true, false]) {
  test(`asks how many days delivery takes and gets the store's answer (${webSocket ? 'WebSocket' : 'polling'})`, async () => {
    const { token } = await storeToken();
    const directLine = new DirectLine({ token, domain: base + '/v3/directline', webSocket, pollingInterval: 200 });
    const activities = collect(directLine);

    const greeting = await activities.next((a) => isBotMessage(a) && a.text.includes('欢迎'));
    assert.ok(greeting.suggestedActions.actions.length > 0);

    const id = await postMessage(directLine, '几天能到');
    assert.notStrictEqual(id, 'retry');
    const echo = await activities.next((a) => a.id === id);
    assert.strictEqual(echo.text, '几天能到');
    assert.ok(echo.from.id.startsWith('dl_'), 'the token binds the user');
    const answer = await activities.next((a) => isBotMessage(a) && a.replyToId === id);
    assert.match(answer.text, /江浙沪/);
    directLine.end();
  });
}

test('resumes a conversation with conversationId and watermark', async () => {
  const { token, conversationId } = await storeToken();
  const first = new DirectLine({ token, domain: base + '/v3/directline' });
  const before = collect(first);
  await before.next((a) => isBotMessage(a) && a.text.includes('欢迎'));
  const id = await postMessage(first, '几天能到');
  await before.next((a) => isBotMessage(a) && a.replyToId === id);
  first.end();

  const refreshed = await (await fetch(base + '/v3/directline/tokens/refresh', { method: 'POST', headers: { Authorization: 'Bearer ' + token } })).json();
  const resumed = new DirectLine({ token: refreshed.token, domain: base + '/v3/directline', conversationId, watermark: '0' });
  const after = collect(resumed);
  await after.next((a) => a.id === id);
  const statuses = [];
  resumed.connectionStatus$.subscribe((s) => statuses.push(s));
  await waitFor(() => statuses.includes(ConnectionStatus.Online), 10000, 'online');
  const ids = after.seen.map((a) => a.id).filter(Boolean);
  assert.strictEqual(new Set(ids).size, ids.length, 'no duplicates');
  resumed.end();
});

test('uploads a photo as Web Chat does (postActivity with attachments → /upload) and the photo comes back by its signed URL', async () => {
  // A 1x1 PNG served over HTTP: the client fetches each attachment's contentUrl, then posts the files as multipart.
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const http = require('node:http');
  const files = http.createServer((req, res) => { res.writeHead(200, { 'Content-Type': 'image/png' }); res.end(png); });
  await new Promise((r) => files.listen(0, '127.0.0.1', r));
  try {
    const { token } = await storeToken();
    const directLine = new DirectLine({ token, domain: base + '/v3/directline', webSocket: true });
    const activities = collect(directLine);
    await activities.next((a) => isBotMessage(a) && a.text.includes('欢迎'));

    const id = await new Promise((resolve, reject) => directLine.postActivity({
      type: 'message', from: { id: 'ignored' }, locale: 'zh-CN',
      attachments: [{ contentType: 'image/png', contentUrl: `http://127.0.0.1:${files.address().port}/leak.png`, name: '漏水.png' }],
    }).subscribe({ next: resolve, error: reject }));
    assert.notStrictEqual(id, 'retry');

    const echo = await activities.next((a) => a.id === id);
    assert.strictEqual(echo.attachments.length, 1);
    assert.strictEqual(echo.attachments[0].name, '漏水.png');
    assert.strictEqual(echo.attachments[0].contentType, 'image/png');
    assert.ok(echo.attachments[0].contentUrl.startsWith(base + '/attachments/'));
    const fetched = await fetch(echo.attachments[0].contentUrl);
    assert.strictEqual(fetched.status, 200);
    assert.strictEqual(fetched.headers.get('content-type'), 'image/png');
    await activities.next((a) => isBotMessage(a) && a.text.includes('收到您发的文件'));
    directLine.end();
  } finally {
    files.close();
  }
});
