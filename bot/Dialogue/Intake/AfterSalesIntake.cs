using System.Text.RegularExpressions;
using ChatSupport.Bot.Attachments;
using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Orders;
using ChatSupport.Bot.Orders.Connector;
using ChatSupport.Bot.Orders.Identity;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Dialogue.Intake;

/// <summary>Marks the internal turn the stall worker runs when an intake prompt went unanswered.</summary>
public sealed record IntakeStalled(string ConversationKey);

/// <summary>
/// Before an after-sales handoff, gathers what the agent would otherwise ask first: which order (the shopper's own
/// orders as quick replies through the store connector, or a number typed), what is wrong (the message they sent), and a
/// photo when the problem is visible. Then hands over with an <see cref="IntakeSummary"/> the dashboard pins at the top
/// of the chat, and tells the shopper what the person will already know. The steps are decided by <see cref="IntakeSteps"/>.
/// </summary>
public sealed partial class AfterSalesIntake(
    IStoreConnector connector,
    HandoffEscalation escalation,
    ConversationReferences references,
    IntakeStore store,
    AttachmentStore attachments,
    IOptions<IntakeOptions> options,
    IOptions<HandoffOptions> handoffOptions,
    TimeProvider clock,
    ILogger<AfterSalesIntake> logger)
{
    private const string StateKey = "intake";
    private const int OrdersOffered = 4;
    private const int RecentLimit = 5;

    public bool Enabled => options.Value.Enabled;

    public static bool IsPending(TurnContext turn) => turn.ConversationState.Get<IntakeState>(StateKey) is not null;

    /// <summary>The after-sales message that would have been handed over: asks what is missing, or hands over now.</summary>
    public async Task StartAsync(TurnContext turn, string text, CancellationToken ct)
    {
        var shopper = Shopper(turn);
        var own = shopper is null ? null : await OwnOrdersAsync(turn, shopper, ct);
        var (orderId, verified) = OrderIn(text, own);
        var state = new IntakeState
        {
            Problem = text.Trim(),
            Photos = await PhotosOfAsync(turn.Activity),
            OrderId = orderId,
            OrderVerified = verified,
            PhotoNeeded = IsVisibleProblem(text),
            // With the shopper's orders at hand but none open and none named, there is still a list to choose from.
            OfferedOrderIds = own is null ? [] : RankForProblem(own, text).Take(OrdersOffered).Select(o => o.OrderId).ToList(),
        };
        await ContinueWithAsync(turn, state, IntakeSteps.Begin(state), own, ct);
    }

    /// <summary>The shopper's reply while a prompt is open; false when no intake is running.</summary>
    /// <param name="interruptingReason">Complaint or human when the text is one (hand over at once), else null.</param>
    public async Task<bool> TryContinueAsync(TurnContext turn, string text, Func<string, HandoffReason?> interruptingReason, CancellationToken ct)
    {
        if (turn.ConversationState.Get<IntakeState>(StateKey) is not { } state) return false;
        var shopper = Shopper(turn);
        IReadOnlyList<StoreOrder>? own = null;
        string? orderId = null;
        var verified = false;
        if (state.Step == IntakeStep.Order && text.Length > 0)
        {
            orderId = state.OfferedOrderIds.FirstOrDefault(id => text.Contains(id, StringComparison.OrdinalIgnoreCase));
            verified = orderId is not null;
            if (orderId is null)
            {
                own = shopper is null ? null : await OwnOrdersAsync(turn, shopper, ct);
                (orderId, verified) = OrderIn(text, own);
            }
        }
        var reply = new IntakeReply(text, await PhotosOfAsync(turn.Activity), IsSkip(turn, text),
            text.Length == 0 ? null : interruptingReason(text), orderId, verified);
        var (next, decision) = IntakeSteps.Reply(state, reply);
        await ContinueWithAsync(turn, next, decision, own, ct);
        return true;
    }

    /// <summary>The stall worker's turn: a prompt still open past its deadline hands over with what there is.</summary>
    public async Task HandleStalledAsync(TurnContext turn, CancellationToken ct)
    {
        if (turn.ConversationState.Get<IntakeState>(StateKey) is not { } state) return;
        if (clock.GetUtcNow() < state.Deadline)
        {
            // Answered and asked again meanwhile: the new prompt has its own deadline.
            await store.ScheduleStallAsync(ConversationKey.Of(turn.Activity), state.Deadline);
            return;
        }
        await HandOverAsync(turn, state, IntakeOutcomes.Stalled, null, ct);
    }

    private async Task ContinueWithAsync(TurnContext turn, IntakeState state, IntakeNext next, IReadOnlyList<StoreOrder>? own, CancellationToken ct)
    {
        if (next.Ask is not { } step)
        {
            await HandOverAsync(turn, state, next.Outcome ?? IntakeOutcomes.Complete, next.Reason, ct);
            return;
        }
        var conversationKey = ConversationKey.Of(turn.Activity);
        var deadline = clock.GetUtcNow().AddSeconds(options.Value.StallTimeoutSeconds);
        state = IntakeSteps.Asked(state, step, deadline);
        turn.ConversationState.Set(StateKey, state);
        // The stall turn runs outside the shopper's turn: it needs the reference, as the relay does.
        await references.SaveAsync(turn.Activity.GetConversationReference());
        await store.ScheduleStallAsync(conversationKey, deadline);
        IntakeLog.Asked(logger, conversationKey, step);
        var skip = CardAction.ImBack(IntakeWording.Skip);
        if (step == IntakeStep.Photo)
        {
            await turn.SendTextAsync(IntakeWording.AskPhoto, ct, [skip], textFormat: "plain");
            return;
        }
        if (state.OfferedOrderIds.Count > 0)
        {
            own ??= Shopper(turn) is { } shopper ? await OwnOrdersAsync(turn, shopper, ct) : null;
            var buttons = state.OfferedOrderIds
                .Select(id => own?.FirstOrDefault(o => o.OrderId == id) is { } o ? IntakeWording.OrderButton(id, ItemsText(o)) : id)
                .Select(t => CardAction.ImBack(t)).Append(skip);
            await turn.SendTextAsync(IntakeWording.ChooseOrder, ct, buttons, textFormat: "plain");
            return;
        }
        await turn.SendTextAsync(IntakeWording.TypeOrder, ct, [skip], textFormat: "plain");
    }

    private async Task HandOverAsync(TurnContext turn, IntakeState state, string outcome, HandoffReason? reason, CancellationToken ct)
    {
        var conversationKey = ConversationKey.Of(turn.Activity);
        var handoffReason = reason ?? HandoffReasonNames.FromWireName(state.Reason) ?? HandoffReason.AfterSales;
        var card = state.OrderId is null ? null : await CardAsync(turn, state.OrderId, ct);
        var summary = new IntakeSummary
        {
            ConversationId = conversationKey,
            Reason = handoffReason.ToWireName(),
            At = clock.GetUtcNow(),
            OrderId = state.OrderId,
            OrderVerified = state.OrderVerified,
            Order = card,
            Problem = state.Problem,
            Photos = state.Photos,
            PhotoRequested = state.PhotoNeeded,
            Outcome = outcome,
        };
        turn.ConversationState.Remove(StateKey);
        await store.CancelStallAsync(conversationKey);
        // Saved before the escalation is announced, so the dashboard finds it when the chat appears in the queue.
        await store.SaveSummaryAsync(summary, TimeSpan.FromDays(handoffOptions.Value.TranscriptRetentionDays));
        IntakeLog.HandedOver(logger, conversationKey, outcome, summary.Reason);
        await turn.SendTextAsync(IntakeWording.Told(summary, outcome == IntakeOutcomes.Stalled), ct, textFormat: "plain",
            replyToIncoming: turn.Activity.IsType(ActivityTypes.Message));
        await escalation.EscalateAsync(turn, handoffReason, IntakeWording.AgentText(summary), ct);
    }

    private static ShopperIdentity? Shopper(TurnContext turn) =>
        turn.Activity.ChannelId == ConversationKey.EmbeddedChannelId
            ? ShopperIdentity.FromUser(turn.Activity.From?.Id, turn.Activity.From?.Name)
            : null;

    /// <summary>The shopper's recent orders, or null when the connector is slow or down (then they can type the number).</summary>
    private async Task<IReadOnlyList<StoreOrder>?> OwnOrdersAsync(TurnContext turn, ShopperIdentity shopper, CancellationToken ct)
    {
        var recent = await connector.RecentOrdersAsync(shopper.ShopperId, RecentLimit, ct);
        if (recent.Ok) return recent.Value;
        IntakeLog.ConnectorUnavailable(logger, ConversationKey.Of(turn.Activity), recent.Failure?.ToString() ?? "-");
        return null;
    }

    private async Task<IntakeOrderCard?> CardAsync(TurnContext turn, string orderId, CancellationToken ct)
    {
        var result = await connector.OrderAsync(orderId, ct);
        if (!result.Ok)
        {
            if (result.Failure is not ConnectorFailure.NotFound) IntakeLog.ConnectorUnavailable(logger, ConversationKey.Of(turn.Activity), result.Failure?.ToString() ?? "-");
            return null;
        }
        return OrderCards.From(result.Value!);
    }

    /// <summary>An order the text names: one of the shopper's own (verified), else a typed order number (not verified).</summary>
    internal static (string? OrderId, bool Verified) OrderIn(string text, IReadOnlyList<StoreOrder>? own)
    {
        if (own?.FirstOrDefault(o => text.Contains(o.OrderId, StringComparison.OrdinalIgnoreCase)) is { } mine) return (mine.OrderId, true);
        foreach (Match m in OrderNumber().Matches(text))
        {
            if (MobileNumber().IsMatch(m.Value)) continue; // a phone number left as contact, not an order
            return (m.Value.ToUpperInvariant(), false);
        }
        return (null, false);
    }

    /// <summary>Orders whose item the message mentions first (水壶 → 电热水壶), then newest first as the store listed them.</summary>
    private static IEnumerable<StoreOrder> RankForProblem(IReadOnlyList<StoreOrder> orders, string text) =>
        orders.OrderByDescending(o => o.Items.Sum(i => CommonBigrams(i.Name, text)));

    private static int CommonBigrams(string a, string b)
    {
        var count = 0;
        for (var i = 0; i + 1 < a.Length; i++)
            if (b.Contains(a.Substring(i, 2), StringComparison.Ordinal)) count++;
        return count;
    }

    private static string ItemsText(StoreOrder o) =>
        o.Items.Count switch { 0 => "", 1 => o.Items[0].Name, _ => $"{o.Items[0].Name} 等 {o.Items.Count} 件" };

    /// <summary>
    /// What the shopper's message carries: files uploaded here (Direct Line /upload) as references to the stored file, signed by
    /// whoever reads the summary, since the activity's signed URL expires; a link to one of this conversation's files that is not
    /// on record is dropped; links from elsewhere are kept as they came (web addresses only).
    /// </summary>
    internal async Task<List<IntakePhoto>> PhotosOfAsync(Activity activity)
    {
        var conversationId = activity.Conversation?.Id;
        var photos = new List<IntakePhoto>();
        foreach (var outside in PhotosOf(activity))
        {
            if (conversationId is not null && AttachmentLinks.AttachmentIdOf(outside.ContentUrl, conversationId) is { } id)
            {
                if (await attachments.FindAsync(conversationId, id) is { } file) photos.Add(IntakePhoto.Stored(file));
                continue;
            }
            photos.Add(outside);
        }
        return photos;
    }

    /// <summary>The activity's attachments with web addresses, as it carried them.</summary>
    internal static List<IntakePhoto> PhotosOf(Activity activity) =>
        (activity.Attachments ?? [])
        .Where(a => IsSafeUrl(a.ContentUrl))
        .Select(a => new IntakePhoto(a.Name, a.ContentType, a.ContentUrl!, IsSafeUrl(a.ThumbnailUrl) ? a.ThumbnailUrl : null))
        .Take(10)
        .ToList();

    /// <summary>Only web addresses (absolute http/https, or a path on the bot): never javascript:, data: or file: into an agent's page.</summary>
    private static bool IsSafeUrl(string? url) =>
        !string.IsNullOrEmpty(url) && url.Length <= 2048
        && (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal)
            || Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttps || u.Scheme == Uri.UriSchemeHttp));

    private static bool IsSkip(TurnContext turn, string text) =>
        turn.IsButton(text, IntakeWording.Skip) || Refusal().IsMatch(TraditionalToSimplified.Shared.Convert(text.Trim()));

    internal static bool IsVisibleProblem(string text) => VisibleProblem().IsMatch(TraditionalToSimplified.Shared.Convert(text));

    // Problems a photo shows at once: damage, leaks, wrong or different items, stains, deformation, mould.
    [GeneratedRegex("破损|破了|破洞|压烂|压坏|摔坏|摔裂|摔碎|碎了|裂|漏水|渗水|漏液|漏油|漏气|漏了|发错|寄错|发成|不一样|不对|划痕|刮痕|划伤|掉漆|生锈|锈|污渍|脏|变形|凹|瘪|缺角|磕|发霉|霉|开胶|脱胶|开线|掉色|褪色|色差|瑕疵|烂了|断了|坏了")]
    private static partial Regex VisibleProblem();

    // A shopper saying no to the prompt (skip button aside): handed over at once, never asked again.
    [GeneratedRegex("^(跳过|不用了?|算了|没有|没|不想|不方便|拍不了|没法拍|不拍|懒得|找不到|忘了|别问了|快点|直接转|转人工)")]
    private static partial Regex Refusal();

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Za-z]{0,4}\d{8,24}(?![A-Za-z0-9])")]
    private static partial Regex OrderNumber();

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex MobileNumber();
}
