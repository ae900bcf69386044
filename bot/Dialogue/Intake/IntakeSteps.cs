using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Dialogue.Intake;

/// <summary>
/// The intake's decisions, without I/O: at most two prompts (the order, then a photo when the problem is visible), each
/// asked once and skippable; the message that started it is the problem. A skip, an answer that is not one, a complaint
/// or a request for a person ends it at once: the shopper is never asked twice.
/// </summary>
public static class IntakeSteps
{
    /// <summary>The next thing to ask, or null when nothing is missing (or it was asked already).</summary>
    public static IntakeStep? NextMissing(IntakeState state)
    {
        if (state.OrderId is null && !state.OrderAsked) return IntakeStep.Order;
        if (state.PhotoNeeded && state.Photos.Count == 0 && !state.PhotoAsked) return IntakeStep.Photo;
        return null;
    }

    /// <summary>The first decision, for the message that started the intake.</summary>
    public static IntakeNext Begin(IntakeState state) =>
        NextMissing(state) is { } step ? IntakeNext.AskFor(step) : IntakeNext.HandOver(IntakeOutcomes.Complete);

    /// <summary>The state once a prompt was shown.</summary>
    public static IntakeState Asked(IntakeState state, IntakeStep step, DateTimeOffset deadline) => state with
    {
        Step = step,
        OrderAsked = state.OrderAsked || step == IntakeStep.Order,
        PhotoAsked = state.PhotoAsked || step == IntakeStep.Photo,
        Deadline = deadline,
    };

    /// <summary>Takes in the shopper's reply to the current prompt: what it adds, and what comes next.</summary>
    public static (IntakeState State, IntakeNext Next) Reply(IntakeState state, IntakeReply reply)
    {
        var photos = state.Photos.Concat(reply.Photos).DistinctBy(p => p.AttachmentId ?? p.ContentUrl).ToList();
        var next = state with { Photos = photos };
        if (reply.OrderId is not null && state.OrderId is null)
            next = next with { OrderId = reply.OrderId, OrderVerified = reply.OrderVerified };

        // A skip, or asking for a person, is the same no: handed over as the after-sales case it is (its queue priority kept).
        if (reply.Skip || reply.InterruptWith == HandoffReason.Human) return (next, IntakeNext.HandOver(IntakeOutcomes.Skipped));
        // A complaint goes first in the queue, as a complaint, with what was said.
        if (reply.InterruptWith is { } reason)
            return (AddWords(next, reply.Text), IntakeNext.HandOver(IntakeOutcomes.Interrupted, reason));

        var answered = state.Step switch
        {
            IntakeStep.Order => reply.OrderId is not null,
            IntakeStep.Photo => reply.Photos.Count > 0,
            _ => false,
        };
        // Whatever else they wrote is part of the problem, in their words; a choice button adds nothing to it.
        if (!(state.Step == IntakeStep.Order && answered && reply.OrderId is not null && IsOnlyTheOrder(reply.Text, reply.OrderId)))
            next = AddWords(next, reply.Text);
        if (!answered) return (next, IntakeNext.HandOver(IntakeOutcomes.Skipped));
        return (next, NextMissing(next) is { } step ? IntakeNext.AskFor(step) : IntakeNext.HandOver(IntakeOutcomes.Complete));
    }

    private static IntakeState AddWords(IntakeState state, string text)
    {
        text = text.Trim();
        if (text.Length == 0 || state.Problem.Contains(text, StringComparison.Ordinal)) return state;
        return state with { Problem = state.Problem.Length == 0 ? text : state.Problem + "\n" + text };
    }

    /// <summary>A quick reply ("DM20261001 电热水壶") or a bare number names the order and says nothing about the problem.</summary>
    private static bool IsOnlyTheOrder(string text, string orderId)
    {
        var rest = text.Replace(orderId, "", StringComparison.OrdinalIgnoreCase).Trim();
        return text.TrimStart().StartsWith(orderId, StringComparison.OrdinalIgnoreCase) || rest.Length <= 4; // "订单号 …", "是 …这个"
    }
}
