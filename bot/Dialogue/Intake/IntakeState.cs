using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Dialogue.Intake;

/// <summary>The prompt the shopper has in front of them.</summary>
public enum IntakeStep
{
    /// <summary>Which order: quick replies from their orders, or a number typed.</summary>
    Order,
    /// <summary>A photo of what is wrong.</summary>
    Photo,
}

/// <summary>An intake in progress, kept in the conversation state between the shopper's messages.</summary>
public sealed record IntakeState
{
    public IntakeStep Step { get; init; }
    /// <summary>Wire name of the handoff reason (after-sales).</summary>
    public string Reason { get; init; } = HandoffReason.AfterSales.ToWireName();
    /// <summary>The shopper's words so far.</summary>
    public string Problem { get; init; } = "";
    public string? OrderId { get; init; }
    public bool OrderVerified { get; init; }
    public List<IntakePhoto> Photos { get; init; } = [];
    public bool PhotoNeeded { get; init; }
    public bool OrderAsked { get; init; }
    public bool PhotoAsked { get; init; }
    /// <summary>Order ids offered as quick replies (the shopper's own), so a button or a typed id is recognised.</summary>
    public List<string> OfferedOrderIds { get; init; } = [];
    /// <summary>When the current prompt counts as unanswered.</summary>
    public DateTimeOffset Deadline { get; init; }
}

/// <summary>What the shopper answered to a prompt, as the flow read it.</summary>
/// <param name="Text">What they wrote (may be empty when they only sent a photo).</param>
/// <param name="Photos">Attachments on their message.</param>
/// <param name="Skip">They pressed skip or said no.</param>
/// <param name="InterruptWith">They complained or asked for a person: hand over now, for this reason.</param>
/// <param name="OrderId">An order the message names (button, own order id, or a typed order number).</param>
/// <param name="OrderVerified">That order is one of the signed-in shopper's own.</param>
public sealed record IntakeReply(string Text, IReadOnlyList<IntakePhoto> Photos, bool Skip, HandoffReason? InterruptWith, string? OrderId, bool OrderVerified);

/// <summary>What to do next: ask one more thing, or hand over.</summary>
public sealed record IntakeNext(IntakeStep? Ask, string? Outcome, HandoffReason? Reason = null)
{
    public static IntakeNext AskFor(IntakeStep step) => new(step, null);
    public static IntakeNext HandOver(string outcome, HandoffReason? reason = null) => new(null, outcome, reason);
}
