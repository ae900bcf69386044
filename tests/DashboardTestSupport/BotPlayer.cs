using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Tests.Support;

/// <summary>
/// Plays the bot's side of the handoff contract (bot/HandoffContract), so dashboard tests run without the bot:
/// writes the conversation hash, the transcript, the queue and the customer index, appends bot → dashboard
/// events with a wake-up, and reads the dashboard → bot stream with the bot's consumer group.
/// </summary>
public sealed class BotPlayer(IConnectionMultiplexer redis)
{
    private const string AppendScript = """
        local id = redis.call('XADD', KEYS[1], '*', 'event', ARGV[1])
        redis.call('PUBLISH', ARGV[2], id)
        return id
        """;

    private const string RangeScript = """
        local r = redis.call('XRANGE', KEYS[1], '-', '+')
        local out = {}
        for i, e in ipairs(r) do out[i] = e[2][2] end
        return out
        """;

    private const string ReadGroupScript = """
        pcall(redis.call, 'XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
        local r = redis.call('XREADGROUP', 'GROUP', ARGV[1], ARGV[2], 'COUNT', 100, 'STREAMS', KEYS[1], '>')
        if not r then return {} end
        local out = {}
        for i, e in ipairs(r[1][2]) do
          redis.call('XACK', KEYS[1], ARGV[1], e[1])
          out[i] = e[2][2]
        end
        return out
        """;

    private int _sequence;

    public async Task EscalateAsync(string conversationId, HandoffReason reason, string customerName = "张三", string? customerId = null,
        DateTimeOffset? escalatedAt = null, params (string Sender, string Text)[] history)
    {
        var at = escalatedAt ?? DateTimeOffset.UtcNow;
        customerId ??= "customer-" + conversationId;
        var db = redis.GetDatabase();
        await db.HashSetAsync(HandoffKeys.Conversation(conversationId),
        [
            new(ConversationFields.Status, nameof(ConversationStatus.WaitingForAgent)),
            new(ConversationFields.CustomerId, customerId),
            new(ConversationFields.CustomerName, customerName),
            new(ConversationFields.Reason, reason.ToWireName()),
            new(ConversationFields.StartedAt, at.AddMinutes(-2).ToString("O")),
            new(ConversationFields.EscalatedAt, at.ToString("O")),
        ]);
        foreach (var (sender, text) in history)
        {
            await AppendTranscriptAsync(conversationId, sender, sender == TranscriptSenders.Customer ? customerName : "小助手", text, at);
        }
        await db.SortedSetAddAsync(HandoffKeys.Queue, conversationId, QueueScore.For(reason, at));
        await db.SortedSetAddAsync(HandoffKeys.CustomerConversations(customerId), conversationId, at.AddMinutes(-2).ToUnixTimeMilliseconds());
        await AppendAsync(new HandoffEvent
        {
            Kind = HandoffEventKinds.EscalationRequested, ConversationId = conversationId, At = at,
            CustomerId = customerId, CustomerName = customerName, Reason = reason.ToWireName(),
        });
    }

    /// <summary>A shopper message while the chat is with (or waiting for) an agent: transcript line, then the event.</summary>
    public async Task<string> CustomerSaysAsync(string conversationId, string text, string customerName = "张三")
    {
        var activityId = await AppendTranscriptAsync(conversationId, TranscriptSenders.Customer, customerName, text, DateTimeOffset.UtcNow);
        await AppendAsync(new HandoffEvent
        {
            Kind = HandoffEventKinds.CustomerReplied, ConversationId = conversationId, CustomerName = customerName, Text = text, ActivityId = activityId,
        });
        return activityId;
    }

    public Task CustomerLeavesAsync(string conversationId) =>
        AppendAsync(new HandoffEvent { Kind = HandoffEventKinds.CustomerLeft, ConversationId = conversationId });

    public Task CustomerTypingAsync(string conversationId, string customerName = "张三") =>
        redis.GetSubscriber().PublishAsync(RedisChannel.Literal(HandoffKeys.TypingChannel),
            new HandoffEvent { Kind = HandoffEventKinds.CustomerTyping, ConversationId = conversationId, CustomerName = customerName }.ToJson());

    public async Task<string> AppendTranscriptAsync(string conversationId, string sender, string? senderName, string text, DateTimeOffset at)
    {
        var activityId = $"{conversationId}|{Interlocked.Increment(ref _sequence):0000000}";
        await redis.GetDatabase().ListRightPushAsync(HandoffKeys.Transcript(conversationId),
            new TranscriptEntry(activityId, at, sender, senderName, text).ToJson());
        return activityId;
    }

    public async Task AppendAsync(HandoffEvent e) =>
        await redis.GetDatabase().ScriptEvaluateAsync(AppendScript, [HandoffKeys.ToDashboardStream], [e.ToJson(), HandoffKeys.ToDashboardWakeUpChannel]);

    /// <summary>Everything the dashboard has written to the bot so far, oldest first.</summary>
    public async Task<IReadOnlyList<HandoffEvent>> ToBotEventsAsync()
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(RangeScript, [HandoffKeys.ToBotStream]))!;
        return result.Select(r => HandoffEvent.FromJson((string)r!)).ToList();
    }

    /// <summary>
    /// Consumes new dashboard → bot events as the bot does (consumer group "bot") and applies the bot's part:
    /// an agent's reply becomes a transcript line; a closed chat goes back to the bot.
    /// </summary>
    public async Task<IReadOnlyList<HandoffEvent>> ConsumeAsync(string consumer = "bot-1")
    {
        var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(ReadGroupScript,
            [HandoffKeys.ToBotStream], ["bot-player", consumer]))!;
        var events = result.Select(r => HandoffEvent.FromJson((string)r!)).ToList();
        foreach (var e in events)
        {
            if (e.Kind == HandoffEventKinds.AgentReplied)
            {
                await AppendTranscriptAsync(e.ConversationId, TranscriptSenders.Agent, e.AgentName, e.Text!, e.At);
            }
            else if (e.Kind == HandoffEventKinds.ConversationClosed)
            {
                await redis.GetDatabase().HashSetAsync(HandoffKeys.Conversation(e.ConversationId), ConversationFields.Status, nameof(ConversationStatus.WithBot));
            }
        }
        return events;
    }
}
