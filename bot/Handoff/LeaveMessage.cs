using System.Text.RegularExpressions;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// Leave-a-message, when no one is on duty: the offer (the shopper's question is kept), then the shopper's reply until
/// it holds a way to reach them, recorded as a case for agents (CaseLeft) and counted.
/// </summary>
public sealed partial class LeaveMessage(TurnTranscript transcript, ToDashboardEvents events, BotDailyCounters counters, IOptions<HandoffOptions> options,
    TimeProvider clock)
{
    private const string LeaveMessagePendingKey = "leaveMessagePending";
    private const string LeftMessageTextKey = "leftMessageText";

    [GeneratedRegex(@"(?<!\d)1[3-9]\d{9}(?!\d)|旺旺|微信|vx|wx|@|\d{3,4}-\d{7,8}", RegexOptions.IgnoreCase)]
    private static partial Regex ContactPattern();

    /// <summary>Opens the offer: the next replies are the message (starting with <paramref name="text"/>, the question that led here).</summary>
    public static void Open(TurnContext turn, string text)
    {
        turn.ConversationState.Set(LeaveMessagePendingKey, true);
        turn.ConversationState.Set(LeftMessageTextKey, text);
    }

    /// <summary>The shopper's reply to an open offer: kept until it holds a contact, then recorded as a case. False when no offer is open.</summary>
    public async Task<bool> TryTakeAsync(TurnContext turn, string text, CancellationToken ct)
    {
        var state = turn.ConversationState;
        if (!state.Get<bool>(LeaveMessagePendingKey)) return false;
        var conversationId = ConversationKey.Of(turn.Activity);
        var earlier = state.Get<string>(LeftMessageTextKey);
        var message = earlier is null ? text : earlier + "\n" + text;
        if (!ContactPattern().IsMatch(message))
        {
            state.Set(LeftMessageTextKey, message);
            await turn.SendTextAsync(HandoffWording.AskForContact, ct, textFormat: "plain");
            return true;
        }
        state.Remove(LeaveMessagePendingKey);
        state.Remove(LeftMessageTextKey);
        await transcript.FlushTranscriptAsync(turn);
        await events.PublishAsync(HandoffEvent.CaseLeft(conversationId, clock.GetUtcNow(), turn.Activity.From?.Id, turn.Activity.From?.Name,
            message, ContactPattern().Match(message).Success ? ExtractContact(message) : message), turn.Fence);
        await counters.CountAsync(BotCounters.Cases);
        await turn.SendTextAsync(HandoffWording.CaseRecorded(options.Value.CaseReplyDueDays), ct, textFormat: "plain");
        return true;
    }

    private static string ExtractContact(string message)
    {
        var phone = Regex.Match(message, @"(?<!\d)1[3-9]\d{9}(?!\d)");
        return phone.Success ? phone.Value : message.Length > 200 ? message[..200] : message;
    }
}
