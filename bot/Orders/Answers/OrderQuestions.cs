using System.Text.RegularExpressions;
using ChatSupport.Bot.Dialogue.Intake;
using ChatSupport.Bot.DirectLine;
using ChatSupport.Bot.Handoff;
using ChatSupport.Bot.Orders.Connector;
using ChatSupport.Bot.Orders.Identity;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Orders.Answers;

/// <summary>What the order step did with a message, and what SupportBot should add after its normal answer.</summary>
public sealed record OrderTurn(bool Handled, string? AfterAnswer = null)
{
    public static readonly OrderTurn NotMine = new(false);
}

/// <summary>
/// Answers a signed-in shopper's questions about their own parcel from the store connector, before the FAQ routing:
/// status, courier, tracking number and latest event; quick replies when several orders are open; a stuck or failed
/// parcel goes to a person as after-sales with the order summary. Anonymous shoppers and a connector that is slow or
/// down leave the message to the normal routing, with a polite line saying why.
/// </summary>
public sealed partial class OrderQuestions(
    OrderQuestionDetector detector,
    IStoreConnector connector,
    HandoffEscalation escalation,
    IntakeStore summaries,
    IOptions<StoreOptions> options,
    IOptions<HandoffOptions> handoffOptions,
    TimeProvider clock,
    ILogger<OrderQuestions> logger)
{
    private const string ChoosingKey = "orders.choosing";
    private const int RecentLimit = 5;

    public async Task<OrderTurn> TryAnswerAsync(TurnContext turn, string text, CancellationToken cancellationToken)
    {
        var shopper = turn.Activity.ChannelId == EmbeddedDirectLineConnector.ChannelId
            ? ShopperIdentity.FromUser(turn.Activity.From?.Id, turn.Activity.From?.Name)
            : null;
        var choosing = turn.ConversationState.Get<bool>(ChoosingKey);
        var chosenId = ChosenOrderId(text);
        if (shopper is null || (chosenId is null && !choosing))
        {
            if (!detector.IsOwnParcelQuestion(text)) return OrderTurn.NotMine;
            if (shopper is null) return new OrderTurn(false, OrderWording.AnonymousHint);
        }

        var recent = await connector.RecentOrdersAsync(shopper.ShopperId, RecentLimit, cancellationToken);
        if (!recent.Ok)
        {
            turn.ConversationState.Remove(ChoosingKey);
            if (chosenId is null && !detector.IsOwnParcelQuestion(text)) return OrderTurn.NotMine;
            await turn.SendTextAsync(OrderWording.ConnectorDown, cancellationToken, textFormat: "plain");
            return OrderTurn.NotMine;
        }
        var orders = recent.Value!;

        if (chosenId is not null || choosing)
        {
            // A choice from the quick replies, or an order number typed after them; only the shopper's own orders count.
            var chosen = orders.FirstOrDefault(o => o.OrderId.Equals(chosenId, StringComparison.OrdinalIgnoreCase))
                         ?? orders.FirstOrDefault(o => text.Contains(o.OrderId, StringComparison.OrdinalIgnoreCase));
            if (chosen is not null)
            {
                turn.ConversationState.Remove(ChoosingKey);
                await AnswerAsync(turn, shopper, chosen, text, cancellationToken);
                return new OrderTurn(true);
            }
            turn.ConversationState.Remove(ChoosingKey);
            if (!detector.IsOwnParcelQuestion(text)) return OrderTurn.NotMine;
        }

        if (orders.Count == 0)
        {
            await turn.SendTextAsync(OrderWording.NoOrders, cancellationToken, textFormat: "plain");
            return OrderTurn.NotMine;
        }
        var open = orders.Where(o => !o.IsDelivered).ToList();
        if (open.Count > 1)
        {
            turn.ConversationState.Set(ChoosingKey, true);
            await turn.SendTextAsync(OrderWording.ChooseOrder(open), cancellationToken,
                open.Select(o => CardAction.ImBack(OrderWording.ChooseButtonPrefix + o.OrderId)), textFormat: "plain");
            return new OrderTurn(true);
        }
        await AnswerAsync(turn, shopper, open.Count == 1 ? open[0] : orders[0], text, cancellationToken);
        return new OrderTurn(true);
    }

    private async Task AnswerAsync(TurnContext turn, ShopperIdentity shopper, StoreOrder order, string text, CancellationToken cancellationToken)
    {
        var conversationId = turn.Activity.Conversation?.Id ?? "";
        var hours = options.Value.StuckAfterHours;
        var stuck = IsStuck(order, hours);
        if (stuck || order.IsTrouble)
        {
            OrdersLog.Answered(logger, conversationId, order.OrderId, stuck ? "stuck, handed over" : order.Status + ", handed over");
            await turn.SendTextAsync(OrderWording.HandingOver(order, stuck, hours), cancellationToken, textFormat: "plain");
            var why = stuck ? OrderWording.StuckReason(hours) : OrderWording.TroubleReason(order);
            // The same pinned summary as an intake's, so the agent sees the order card and the order comes first in the order panel;
            // saved before the escalation, so the dashboard finds it when the chat appears in the queue.
            await summaries.SaveSummaryAsync(new IntakeSummary
            {
                ConversationId = ConversationKey.Of(turn.Activity),
                Reason = HandoffReason.AfterSales.ToWireName(),
                At = clock.GetUtcNow(),
                OrderId = order.OrderId,
                OrderVerified = true, // one of the signed-in shopper's own orders, as the connector listed them
                Order = OrderCards.From(order),
                Problem = text.Trim(),
                Outcome = IntakeOutcomes.ParcelTrouble,
                Finding = why,
            }, TimeSpan.FromDays(handoffOptions.Value.TranscriptRetentionDays));
            await escalation.EscalateAsync(turn, HandoffReason.AfterSales, OrderWording.AgentSummary(order, why, text), cancellationToken);
            return;
        }
        OrdersLog.Answered(logger, conversationId, order.OrderId, order.Status);
        await turn.SendTextAsync(OrderWording.Status(order), cancellationToken, textFormat: "plain");
    }

    /// <summary>On its way (not delivered, returned or failed) and the latest tracking event is older than the limit.</summary>
    internal bool IsStuck(StoreOrder order, int hours) =>
        order.Status is OrderStatuses.Shipped or OrderStatuses.InTransit or OrderStatuses.OutForDelivery
        && order.LatestEvent is { } latest
        && clock.GetUtcNow() - latest.Time > TimeSpan.FromHours(hours);

    private static string? ChosenOrderId(string text)
    {
        var m = ChooseButton().Match(text.Trim());
        return m.Success ? m.Groups[1].Value : null;
    }

    // The quick reply as sent, in either script (ShopperScript rewrites buttons for traditional readers).
    [GeneratedRegex(@"^(?:查询订单|查詢訂單)\s*([A-Za-z0-9._-]{1,64})$")]
    private static partial Regex ChooseButton();
}
