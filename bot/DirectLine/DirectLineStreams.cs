using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Threading.Channels;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;

namespace ChatSupport.Bot.DirectLine;

/// <summary>
/// The WebSockets this instance holds, by conversation. Any instance may store an activity; the
/// Redis announcement (which carries the stored JSON) lets the instance holding the socket push it
/// straight away, and a socket only ever sends the activity right after the last one it sent, reading
/// from Redis whenever there is a gap, so a shopper sees every activity exactly once, in order,
/// whichever instance they land on.
/// </summary>
public sealed class DirectLineStreams(
    IConnectionMultiplexer redis,
    DirectLineConversationStore store,
    TimeProvider clock,
    ILogger<DirectLineStreams> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, StreamSession>> _sessions = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var subscriber = redis.GetSubscriber();
        await subscriber.SubscribeAsync(RedisChannel.Literal(DirectLineKeys.ActivityStoredChannel), (_, message) =>
        {
            try
            {
                OnActivityStored(message);
            }
            catch (Exception ex)
            {
                DirectLineLog.WakeUpFailed(logger, ex);
            }
        });
        await subscriber.SubscribeAsync(RedisChannel.Literal(DirectLineKeys.TypingChannel), (_, message) =>
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

    /// <summary>
    /// "conversationId watermark json" (or just "conversationId watermark"): every instance gets every
    /// announcement, so the JSON is only decoded when this instance holds a socket of that conversation.
    /// </summary>
    private void OnActivityStored(RedisValue message)
    {
        var bytes = (byte[]?)message;
        if (bytes is null) return;
        var span = bytes.AsSpan();
        var firstSpace = span.IndexOf((byte)' ');
        if (firstSpace <= 0 || !_sessions.TryGetValue(Encoding.UTF8.GetString(span[..firstSpace]), out var sessions)) return;
        var rest = span[(firstSpace + 1)..];
        var secondSpace = rest.IndexOf((byte)' ');
        if (secondSpace < 0 || !Utf8Parser.TryParse(rest[..secondSpace], out long watermark, out var consumed) || consumed != secondSpace)
        {
            foreach (var session in sessions.Values) session.Wake();
            return;
        }
        // The stored JSON goes to the socket as the UTF-8 it arrived in: never decoded into a string here.
        var json = bytes.AsMemory(firstSpace + 1 + secondSpace + 1);
        foreach (var session in sessions.Values) session.Offer(watermark, json);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// Serves one WebSocket until the client goes away or <paramref name="expiresAt"/> (the token it was opened with
    /// expires; null for the secret): replays after <paramref name="afterWatermark"/>, then pushes as activities arrive.
    /// </summary>
    public async Task ServeAsync(WebSocket socket, string conversationId, long afterWatermark, DateTimeOffset? expiresAt, CancellationToken aborted)
    {
        var session = new StreamSession(socket, conversationId, afterWatermark, store, logger);
        var sessions = _sessions.GetOrAdd(conversationId, _ => new ConcurrentDictionary<Guid, StreamSession>());
        sessions[session.Id] = session;
        DirectLineLog.StreamOpened(logger, conversationId, afterWatermark);
        try
        {
            session.Wake(); // replay whatever was posted before the socket opened
            using var expiry = expiresAt is { } at ? clock.CreateTimer(_ => session.Expire(), null, Max(at - clock.GetUtcNow(), TimeSpan.Zero), Timeout.InfiniteTimeSpan) : null;
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
        /// <summary>Announced activities queued beyond this many (a socket that cannot keep up) are read back from Redis instead of held here.</summary>
        private const int MaxQueuedActivities = 64;

        /// <summary>
        /// What the socket sends next: a transient frame (typing), an announced activity (its stored UTF-8 JSON), a wake-up
        /// (read what is new), or the close on expiry.
        /// </summary>
        private readonly record struct Outgoing(string? Frame, long Watermark, ReadOnlyMemory<byte> Json, bool Expired = false)
        {
            public bool IsActivity => Watermark > 0 && Frame is null && !Expired;
        }

        private readonly Channel<Outgoing> _outbox = Channel.CreateUnbounded<Outgoing>(new UnboundedChannelOptions { SingleReader = true });
        private readonly ActivitySetFrame _frame = new();
        private long _lastSent = afterWatermark;
        private int _wakePending;
        private int _queuedActivities;

        public Guid Id { get; } = Guid.NewGuid();

        /// <summary>Coalesces wake-ups: one pending "read what is new" is enough however many arrive.</summary>
        public void Wake()
        {
            if (Interlocked.Exchange(ref _wakePending, 1) == 0) _outbox.Writer.TryWrite(default);
        }

        public void SendTransient(string frame) => _outbox.Writer.TryWrite(new Outgoing(frame, 0, default));

        /// <summary>The token the socket was opened with has expired: the socket is closed (in the send loop, as sends may not overlap).</summary>
        public void Expire() => _outbox.Writer.TryWrite(new Outgoing(null, 0, default, Expired: true));

        /// <summary>An activity as stored with its watermark: pushed as is when it is the next one, otherwise a read fills the gap.</summary>
        public void Offer(long watermark, ReadOnlyMemory<byte> json)
        {
            if (watermark <= Volatile.Read(ref _lastSent)) return;
            if (Interlocked.Increment(ref _queuedActivities) > MaxQueuedActivities)
            {
                Interlocked.Decrement(ref _queuedActivities);
                Wake();
                return;
            }
            _outbox.Writer.TryWrite(new Outgoing(null, watermark, json));
        }

        public async Task RunAsync(CancellationToken aborted)
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(aborted);
            var receiving = ReceiveUntilClosedAsync(cts.Token);
            var closing = false;
            try
            {
                await foreach (var item in _outbox.Reader.ReadAllAsync(cts.Token))
                {
                    if (item.Expired)
                    {
                        DirectLineLog.StreamTokenExpired(logger, conversationId);
                        closing = true;
                        await socket.CloseOutputAsync(WebSocketCloseStatus.PolicyViolation, "Token expired", cts.Token);
                        break;
                    }
                    if (item.Frame is not null)
                    {
                        await SendTextAsync(item.Frame, cts.Token);
                        continue;
                    }
                    if (item.IsActivity)
                    {
                        Interlocked.Decrement(ref _queuedActivities);
                        if (item.Watermark <= _lastSent) continue; // already sent by a read
                        if (item.Watermark == _lastSent + 1)
                        {
                            await SendAnnouncedAsync(item, cts.Token);
                            continue;
                        }
                        // An earlier activity has not been announced here yet (or its announcement was lost): read them in order.
                    }
                    else
                    {
                        Interlocked.Exchange(ref _wakePending, 0);
                    }
                    await SendWhatIsNewAsync(cts.Token);
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
                // After our close frame, give the client a moment to answer it so the close is clean.
                if (closing) await Task.WhenAny(receiving, Task.Delay(TimeSpan.FromSeconds(2), CancellationToken.None));
                await cts.CancelAsync();
                await receiving;
            }
        }

        /// <summary>
        /// Sends <paramref name="first"/> (the next activity) and the announced activities queued right behind it that follow
        /// on without a gap, as one activity set: one frame and one socket write where a busy turn would otherwise make several.
        /// </summary>
        private async Task SendAnnouncedAsync(Outgoing first, CancellationToken ct)
        {
            _frame.Start();
            _frame.Add(first.Json.Span);
            var last = first.Watermark;
            while (_outbox.Reader.TryPeek(out var next) && next.IsActivity && next.Watermark <= last + 1)
            {
                _outbox.Reader.TryRead(out _);
                Interlocked.Decrement(ref _queuedActivities);
                if (next.Watermark <= last) continue; // announced twice
                _frame.Add(next.Json.Span);
                last = next.Watermark;
            }
            Volatile.Write(ref _lastSent, last);
            await socket.SendAsync(_frame.Finish(last), WebSocketMessageType.Text, endOfMessage: true, ct);
        }

        private async Task SendWhatIsNewAsync(CancellationToken ct)
        {
            var fresh = await store.ReadJsonAfterAsync(conversationId, _lastSent);
            if (fresh.Count == 0) return;
            Volatile.Write(ref _lastSent, fresh[^1].Watermark);
            _frame.Start();
            foreach (var (_, json) in fresh) _frame.Add(json);
            await socket.SendAsync(_frame.Finish(_lastSent), WebSocketMessageType.Text, endOfMessage: true, ct);
            if (fresh.Count == 500) Wake(); // more than one page was waiting
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
                        // When we closed first (token expired) this is the client's answer and nothing more is to be sent.
                        if (socket.State == WebSocketState.CloseReceived)
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
