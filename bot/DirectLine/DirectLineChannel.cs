using ChatSupport.Bot.Protocol;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.DirectLine;

/// <summary>Outcome of a client's post: the id it was stored under, whether the bot failed the turn, and whether the conversation was gone (nothing stored).</summary>
public readonly record struct PostResult(string? ActivityId, bool BotFailed, bool UnknownConversation = false);

/// <summary>
/// The embedded channel's bridge to the bot: stamps what clients post the way the real service
/// does, and runs the bot's turn in-process, which stores it first (echoing it to the client).
/// </summary>
public sealed class DirectLineChannel(
    DirectLineConversationStore store,
    EmbeddedDirectLineConnector connector,
    BotAdapter adapter,
    IOptions<DirectLineOptions> options,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<DirectLineChannel> logger)
{
    private ChannelAccount Bot => new() { Id = options.Value.BotId, Name = options.Value.BotName, Role = "bot" };

    private static string ServiceUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}/";

    /// <summary>
    /// Tells the bot the user joined (conversationUpdate, as Azure's Direct Line does on start), in the
    /// background so the start call answers at once; the greeting is replayed when the socket opens.
    /// </summary>
    public void AnnounceStart(string conversationId, string userId, string? userName, HttpRequest request)
    {
        DirectLineLog.ConversationStarted(logger, conversationId);
        var update = new Activity
        {
            Type = ActivityTypes.ConversationUpdate,
            Id = Guid.NewGuid().ToString("N"),
            Timestamp = clock.GetUtcNow(),
            ChannelId = EmbeddedDirectLineConnector.ChannelId,
            ServiceUrl = ServiceUrl(request),
            Conversation = new ConversationAccount { Id = conversationId },
            From = new ChannelAccount { Id = userId, Name = userName, Role = "user" },
            Recipient = Bot,
            MembersAdded = [Bot, new ChannelAccount { Id = userId, Name = userName, Role = "user" }],
            Locale = "zh-CN",
        };
        _ = Task.Run(async () =>
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
                timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.BotTimeoutSeconds));
                await adapter.ProcessAsync(update, connector, timeout.Token);
            }
            catch (Exception ex)
            {
                DirectLineLog.BotFailed(logger, ex, update.Id!);
            }
        });
    }

    /// <summary>
    /// A line from the bot straight into the conversation, outside any turn (e.g. why an upload was refused); null when the
    /// conversation is gone.
    /// </summary>
    public async Task<string?> SayAsync(string conversationId, string userId, string text, HttpRequest request)
    {
        var line = new Activity
        {
            Type = ActivityTypes.Message,
            Timestamp = clock.GetUtcNow(),
            ChannelId = EmbeddedDirectLineConnector.ChannelId,
            ServiceUrl = ServiceUrl(request),
            Conversation = new ConversationAccount { Id = conversationId },
            From = Bot,
            Recipient = new ChannelAccount { Id = userId, Role = "user" },
            Text = text,
            TextFormat = "plain",
            Locale = "zh-CN",
        };
        return (await store.AppendIfConversationExistsAsync(line))?.Activity.Id;
    }

    public async Task<PostResult> ReceiveFromClientAsync(
        Activity activity, string conversationId, string userId, HttpRequest request, CancellationToken requestAborted)
    {
        activity.Id = null;
        activity.Timestamp = clock.GetUtcNow();
        activity.ChannelId = EmbeddedDirectLineConnector.ChannelId;
        activity.ServiceUrl = ServiceUrl(request);
        activity.Conversation = new ConversationAccount { Id = conversationId };
        activity.Recipient = Bot;
        activity.From = new ChannelAccount { Id = userId, Name = activity.From?.Name, Role = "user" };
        activity.DeliveryMode = null;

        // The turn is not cancelled when the client goes away mid-post: the message is stored and
        // must still be answered; only the bot's own time limit stops it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.BotTimeoutSeconds));
        var typing = activity.IsType(ActivityTypes.Typing);
        try
        {
            if (typing)
            {
                await store.PublishTransientAsync(activity);
                await adapter.ProcessAsync(activity, connector, timeout.Token);
                return new PostResult(Guid.NewGuid().ToString("N"), false);
            }
            // Stored (and echoed to the client) in the turn's first round trip, with the lease and the state reads: before
            // the turn can fail, and whether or not another turn holds the lease.
            var turn = await adapter.ProcessAsync(activity, connector,
                async batch => await store.AppendIfConversationExistsAsync(batch, activity) is not null, timeout.Token);
            return turn.IncomingRefused ? new PostResult(null, false, UnknownConversation: true) : new PostResult(activity.Id, false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            DirectLineLog.BotFailed(logger, ex, typing ? "(typing)" : activity.Id ?? "(not stored)");
            return new PostResult(typing ? null : activity.Id, true);
        }
    }
}
