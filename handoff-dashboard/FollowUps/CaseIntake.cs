using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Reports;
using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>
/// Turns a CaseLeft fact (a shopper left a message outside hours: Text = message, Note = contact) into an
/// unowned case due <see cref="FollowUpOptions.DueAfter"/> after the shopper left it. The case id comes from
/// the stream entry id, so a redelivered entry finds its case already there.
/// </summary>
public sealed partial class CaseIntake(FollowUpStore store, IOptions<FollowUpOptions> options, ILogger<CaseIntake> logger) : IHandoffEventSink
{
    public async Task HandleAsync(HandoffStreamEntry entry, CancellationToken cancellationToken)
    {
        var e = entry.Event;
        if (e.Kind != HandoffEventKinds.CaseLeft) return;
        var item = new FollowUp
        {
            Id = $"case-{entry.EntryId}",
            Kind = FollowUpKinds.Case,
            Subject = "顾客留言",
            CustomerName = e.CustomerName,
            Contact = e.Note,
            Message = e.Text,
            ConversationId = e.ConversationId,
            DueAt = e.At + options.Value.DueAfter,
            CreatedAt = e.At,
            CreatedBy = "bot",
            Status = "open",
        };
        if (await store.TryCreateAsync(item)) Log.CaseCreated(logger, item.Id, e.ConversationId);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 6200, Level = LogLevel.Information, Message = "Case {CaseId} created from conversation {ConversationId}")]
        public static partial void CaseCreated(ILogger logger, string caseId, string conversationId);
    }
}
