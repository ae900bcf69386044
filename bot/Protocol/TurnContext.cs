using System.Text.Json.Nodes;
using ChatSupport.HandoffContract;
using StackExchange.Redis;

namespace ChatSupport.Bot.Protocol;

/// <summary>One turn: the incoming activity, where replies go, and the conversation and user state.</summary>
public sealed class TurnContext(Activity activity, IChannelConnector connector, TurnState conversationState, TurnState userState)
{
    public Activity Activity { get; } = activity;
    public IChannelConnector Connector { get; } = connector;
    public TurnState ConversationState { get; } = conversationState;
    public TurnState UserState { get; } = userState;

    /// <summary>Replies the turn sent, in order (handy for transcripts and tests).</summary>
    public List<Activity> Sent { get; } = [];

    /// <summary>
    /// The conversation's handoff status as <see cref="ActivityHandler.ReadHandoffStatusAsync"/> read it with the turn
    /// lock; null when the turn did not read it (lock-free turns, activities that do not ask).
    /// </summary>
    public ConversationStatus? HandoffStatus { get; init; }

    /// <summary>
    /// The turn lease's fencing token (null for lock-free turns such as typing): every write the turn makes to the
    /// conversation's shared records (transcript, reference, handoff events) shows it, so a turn that outlived its
    /// lease cannot write after the next holder (see <see cref="TurnFence"/>).
    /// </summary>
    public TurnFence? Fence { get; init; }

    /// <summary>Why the handler failed, when it did (the adapter's error boundary caught it); null for a turn that ran through.</summary>
    public Exception? Failure { get; internal set; }

    /// <summary>True when the turn did not run now but was queued to run again shortly (<see cref="DeferredTurns"/>).</summary>
    public bool Deferred { get; internal set; }

    /// <summary>
    /// Queues a write that goes to Redis in the turn's closing batch, with the state save and the lease release: one
    /// round trip for all of them once the handler has run (and none when it failed, so a retried turn writes nothing
    /// twice). <paramref name="write"/> must queue its commands on the batch before awaiting anything (the batch is sent
    /// after every write has been queued); an exception from its task fails the turn like one thrown by the handler
    /// (a <see cref="StaleTurnException"/> defers the message, as a refused write inside the handler does).
    /// </summary>
    public void AtTurnEnd(Func<IDatabaseAsync, Task> write) => EndWrites.Add(write);

    internal List<Func<IDatabaseAsync, Task>> EndWrites { get; } = [];

    /// <summary>
    /// Replies to the shopper's message named but not stored yet (<see cref="IClosingBatchConnector"/>): they lead the turn's
    /// closing batch, in the order sent; a turn that fails or is cut stores them on their own, so nothing sent is lost.
    /// </summary>
    internal List<Func<IDatabaseAsync, Task>> ClosingReplies { get; } = [];

    /// <summary>True when the channel refused to store the incoming activity (its conversation is gone): the turn did not run.</summary>
    public bool IncomingRefused { get; internal set; }

    /// <summary>Per-turn scratch space for the handler's collaborators.</summary>
    public Dictionary<string, object> Items { get; } = [];

    private int _sendOrdinal;

    /// <summary>Sends an activity, filling in conversation, sender, recipient and locale from the incoming one.</summary>
    public async Task<ResourceResponse> SendAsync(Activity reply, CancellationToken cancellationToken)
    {
        var template = Activity.CreateReply();
        reply.Type ??= ActivityTypes.Message;
        reply.ChannelId ??= template.ChannelId;
        reply.ServiceUrl ??= template.ServiceUrl;
        reply.Conversation ??= template.Conversation;
        reply.From ??= template.From;
        reply.Recipient ??= template.Recipient;
        reply.Locale ??= template.Locale ?? "zh-CN";
        var ordinal = _sendOrdinal++;
        if (reply.IdempotencyKey is null && Activity.Id is { Length: > 0 } incomingId) reply.IdempotencyKey = $"{incomingId}#{ordinal}";
        // A reply to a shopper's message, in a turn under the lease (whose closing batch is sure to be sent or replaced by a
        // store of its own), waits for that batch where the channel allows it.
        if (Fence is not null && Activity.IsType(ActivityTypes.Message) && Activity.InternalPayload is null
            && Connector is IClosingBatchConnector closing && closing.TryNameForClosingBatch(reply))
        {
            ClosingReplies.Add(batch => closing.StoreAsync(batch, reply));
            Sent.Add(reply);
            return new ResourceResponse(reply.Id);
        }
        var response = await Connector.SendAsync(reply, cancellationToken);
        reply.Id ??= response.Id;
        Sent.Add(reply);
        return response;
    }

    /// <summary>
    /// Rewrites the bot's own lines before they are sent (text and quick-reply buttons), e.g. into the script the shopper
    /// writes. Agents' messages are sent with <see cref="SendAsync"/> and go out as the agent wrote them.
    /// </summary>
    public Func<string, string>? BotTextWriter { get; set; }

    /// <summary>Whether the shopper's text is the given button, as it was shown to them (rewritten or not).</summary>
    public bool IsButton(string text, string button) => text == button || (BotTextWriter is { } write && text == write(button));

    /// <summary>A plain-text or Markdown message, optionally with quick-reply buttons.</summary>
    public Task<ResourceResponse> SendTextAsync(string text, CancellationToken cancellationToken,
        IEnumerable<CardAction>? quickReplies = null, string textFormat = "markdown", bool replyToIncoming = true)
    {
        var reply = new Activity
        {
            Type = ActivityTypes.Message,
            Text = WriteBotText(text),
            TextFormat = textFormat,
            // Web Chat holds a reply back until the activity it answers is in its transcript; the
            // activities a client never sees (conversationUpdate) must not be named here.
            ReplyToId = replyToIncoming && Activity.IsType(ActivityTypes.Message) ? Activity.Id : null,
        };
        var actions = quickReplies?.Select(WriteButton).ToList();
        if (actions is { Count: > 0 })
        {
            reply.SuggestedActions = new SuggestedActions { Actions = actions };
            if (Activity.From?.Id is { } userId) reply.SuggestedActions.To = [userId];
        }
        return SendAsync(reply, cancellationToken);
    }

    /// <summary>A line of the bot's own as the shopper is to read it (see <see cref="BotTextWriter"/>).</summary>
    public string WriteBotText(string text) => BotTextWriter is { } write ? write(text) : text;

    /// <summary>A quick-reply button of the bot's own as the shopper is to read it.</summary>
    public CardAction WriteButton(CardAction action)
    {
        if (BotTextWriter is not { } write) return action;
        var value = action.Value is JsonValue v && v.TryGetValue<string>(out var text) ? JsonValue.Create(write(text)) : action.Value;
        return new CardAction
        {
            Type = action.Type, Title = action.Title is null ? null : write(action.Title), Value = value,
            Text = action.Text, DisplayText = action.DisplayText, Image = action.Image, Extra = action.Extra,
        };
    }

    /// <summary>An event activity (not rendered by Web Chat), e.g. handoff.initiate.</summary>
    public Task<ResourceResponse> SendEventAsync(string name, JsonNode? value, List<Attachment>? attachments, CancellationToken cancellationToken) =>
        SendAsync(new Activity
        {
            Type = ActivityTypes.Event,
            Name = name,
            Value = value,
            Attachments = attachments,
            RelatesTo = Activity.GetConversationReference(),
            ReplyToId = Activity.Id,
        }, cancellationToken);
}
