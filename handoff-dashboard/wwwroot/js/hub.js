// The live connection to /hubs/agent (global `signalR` from lib/signalr.min.js).

/** Connects with automatic reconnect; `handlers` maps server → page method names to functions. */
export async function connectHub(handlers, { onStateChange, onReconnected } = {}) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/agent')
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000, 30000])
    .build();
  for (const [name, handler] of Object.entries(handlers)) connection.on(name, handler);
  connection.onreconnecting(() => onStateChange?.('正在重新连接…'));
  connection.onreconnected(async () => { onStateChange?.(''); await onReconnected?.(); });
  connection.onclose(() => onStateChange?.('连接已断开，请刷新页面'));
  // The first connect may fail while the server restarts: keep trying.
  for (let attempt = 0; ; attempt++) {
    try {
      await connection.start();
      onStateChange?.('');
      return connection;
    } catch {
      onStateChange?.('正在连接…');
      await new Promise(resolve => setTimeout(resolve, Math.min(1000 * (attempt + 1), 5000)));
    }
  }
}
