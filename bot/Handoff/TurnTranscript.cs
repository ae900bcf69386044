using ChatSupport.Bot.Attachments;
using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// The transcript agents read, as a turn adds to it: the shopper's message, then what was sent, each line once. Written
/// before anything is announced to the dashboard (so an agent who opens the chat sees what led to it), and the rest
/// with the turn's closing batch.
/// </summary>
public sealed class TurnTranscript(TranscriptLines lines, MessageAttachments messageAttachments, TimeProvider clock)
{
    private const string TranscriptFlushedKey = "transcriptFlushed";

    /// <summary>
    /// Writes this turn's not-yet-recorded lines (the shopper's message, then what was sent) to the
    /// transcript agents read, now: called before anything is announced to the dashboard.
    /// </summary>
    public async Task FlushTranscriptAsync(TurnContext turn)
    {
        var entries = await UnflushedTranscriptAsync(turn);
        await lines.AppendAsync(ConversationKey.Of(turn.Activity), entries, turn.Fence);
    }

    /// <summary>
    /// The turn's last transcript lines, written with its closing batch (state save and lease release) instead of on a
    /// round trip of their own: what the shopper said and was answered reaches agents as the turn ends.
    /// </summary>
    public async Task FlushTranscriptAtTurnEndAsync(TurnContext turn)
    {
        var entries = await UnflushedTranscriptAsync(turn);
        if (entries.Count == 0) return;
        var conversationId = ConversationKey.Of(turn.Activity);
        var fence = turn.Fence;
        turn.AtTurnEnd(db => lines.AppendAsync(db, conversationId, entries, fence));
    }

    private async Task<List<TranscriptEntry>> UnflushedTranscriptAsync(TurnContext turn)
    {
        var flushed = turn.Items.TryGetValue(TranscriptFlushedKey, out var value) ? (int)value : -1;
        var entries = new List<TranscriptEntry>();
        if (flushed < 0)
        {
            flushed = 0;
            var a = turn.Activity;
            var files = a.IsType(ActivityTypes.Message) && a.InternalPayload is null ? await messageAttachments.OfAsync(a) : null;
            if (a.IsType(ActivityTypes.Message) && a.InternalPayload is null && (!string.IsNullOrEmpty(a.Text) || files is not null))
                entries.Add(new TranscriptEntry(a.Id ?? "", a.Timestamp ?? clock.GetUtcNow(), TranscriptSenders.Customer, a.From?.Name, a.Text ?? "", files));
        }
        foreach (var sent in turn.Sent.Skip(flushed))
        {
            if (!sent.IsType(ActivityTypes.Message)) continue;
            var files = await messageAttachments.OfAsync(sent);
            if (string.IsNullOrEmpty(sent.Text) && files is null) continue;
            var isAgent = sent.From?.Id?.StartsWith("agent:", StringComparison.Ordinal) == true;
            entries.Add(new TranscriptEntry(sent.Id ?? "", sent.Timestamp ?? clock.GetUtcNow(),
                isAgent ? TranscriptSenders.Agent : TranscriptSenders.Bot, sent.From?.Name, sent.Text ?? "", files));
        }
        turn.Items[TranscriptFlushedKey] = turn.Sent.Count;
        return entries;
    }
}
