using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Redis;
using StackExchange.Redis;

namespace ChatSupport.Bot.DirectLine;

/// <summary>
/// The WebSockets this instance holds, by conversation. Any instance may store an activity; the
/// Redis wake-up tells the instance holding the socket to push whatever is new after what it last
/// sent, so a shopper sees every activity exactly once, in order, whichever instance they land on.
/// </summary>
public sealed class DirectLineStreams(
    IConnectionMultiplexer redis,
    DirectLineConversationStore store,
    ILogger<DirectLineStreams> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, StreamSession>> _sessions = new();

    public int OpenCount => _sessions.Values.Sum(s => s.Count);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(BotKeys.DirectLineActivityChannel, (_, message) =>
        {
            try
            {
                var text = message.ToString();
                var space = text.IndexOf(' ');
                if (space > 0 && _sessions.TryGetValue(text[..space], out var sessions))
                {
                    foreach (var session in sessions.Values) session.Wake();
                }
            }
            catch (Exception ex)
            {
                DirectLineLog.WakeUpFailed(logger, ex);
            }
        });
        await subscriber.SubscribeAsync(BotKeys.DirectLineTypingChannel, (_, message) =>
        {
            try
            {
                var text = message.ToString();
                var space = text.IndexOf(' ');
                if (space > 0 && _sessions.TryGetValue(text[..space], out var sessions))
                {
                    var frame = "{\"activities\":[" + text[(space + 1)..] + "]}";
                    foreach (var session in sessions.Values) session.SendTransient(frame);
                }
            }
            catch (Exception ex)
            {
                DirectLineLog.WakeUpFailed(logger, ex);
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Serves one WebSocket until the client goes away: replays after <paramref name="afterWatermark"/>, then pushes as activities arrive.</summary>
    public async Task ServeAsync(WebSocket socket, string conversationId, long afterWatermark, CancellationToken aborted)
    {
        var session = new StreamSession(socket, conversationId, afterWatermark, store, logger);
        var sessions = _sessions.GetOrAdd(conversationId, _ => new ConcurrentDictionary<Guid, StreamSession>());
        sessions[session.Id] = session;
        DirectLineLog.StreamOpened(logger, conversationId, afterWatermark);
        try
        {
            session.Wake(); // replay whatever was posted before the socket opened
            await session.RunAsync(aborted);
        }
        finally
        {
            sessions.TryRemove(session.Id, out _);
            if (sessions.IsEmpty) _sessions.TryRemove(new KeyValuePair<string, ConcurrentDictionary<Guid, StreamSession>>(conversationId, sessions));
            DirectLineLog.StreamClosed(logger, conversationId);
        }
    }

    private sealed class StreamSession(
        WebSocket socket, string conversationId, long afterWatermark, DirectLineConversationStore store, ILogger logger)
    {
        private readonly Channel<string?> _outbox = Channel.CreateUnbounded<string?>(new UnboundedChannelOptions { SingleReader = true });
        private long _lastSent = afterWatermark;
        private int _wakePending;

        public Guid Id { get; } = Guid.NewGuid();

        /// <summary>Coalesces wake-ups: one pending "read what is new" is enough however many arrive.</summary>
        public void Wake()
        {
            if (Interlocked.Exchange(ref _wakePending, 1) == 0) _outbox.Writer.TryWrite(null);
        }

        public void SendTransient(string frame) => _outbox.Writer.TryWrite(frame);

        public async Task RunAsync(CancellationToken aborted)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            var receiving = ReceiveUntilClosedAsync(cts.Token);
            try
            {
                await foreach (var item in _outbox.Reader.ReadAllAsync(cts.Token))
                {
                    if (item is not null)
                    {
                        await SendTextAsync(item, cts.Token);
                        continue;
                    }
                    Interlocked.Exchange(ref _wakePending, 0);
                    var fresh = await store.ReadAfterAsync(conversationId, _lastSent);
                    if (fresh.Count == 0) continue;
                    _lastSent = fresh[^1].Watermark;
                    var set = new ActivitySet(fresh.Select(a => a.Activity).ToList(), _lastSent.ToString());
                    await SendTextAsync(JsonSerializer.Serialize(set, ProtocolJson.Options), cts.Token);
                    if (fresh.Count == 500) Wake(); // more than one page was waiting
                }
            }
            catch (OperationCanceledException)
            {
            }
            catch (Exception ex) when (ex is WebSocketException or RedisException or TimeoutException)
            {
                DirectLineLog.PushFailed(logger, ex, conversationId);
            }
            finally
            {
                await cts.CancelAsync();
                await receiving;
            }
        }

        private Task SendTextAsync(string text, CancellationToken ct) =>
            socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, ct);

        /// <summary>Reads (and ignores) the client's frames, empty keep-alives included, until it closes.</summary>
        private async Task ReceiveUntilClosedAsync(CancellationToken ct)
        {
            var buffer = new byte[4096];
            try
            {
                while (socket.State == WebSocketState.Open)
                {
                    var result = await socket.ReceiveAsync(buffer, ct);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                        break;
                    }
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
            {
            }
            finally
            {
                _outbox.Writer.TryComplete();
            }
        }
    }
}

/// <summary>What the stream and GET /activities return.</summary>
public sealed record ActivitySet(IReadOnlyList<Activity> Activities, string? Watermark);
