using ChatSupport.HandoffContract;

namespace ChatSupport.HandoffDashboard.Reports;

/// <summary>One entry read from a handoff stream. <paramref name="Stream"/> is "to-dashboard" or "to-bot".</summary>
public sealed record HandoffStreamEntry(string Stream, string EntryId, HandoffEvent Event);

/// <summary>
/// Something that turns handoff facts into its own records (report counters, cases). An entry may be
/// delivered more than once (a crashed instance's pending entries are claimed by another), so every
/// sink must be idempotent per <see cref="HandoffStreamEntry.EntryId"/>.
/// </summary>
public interface IHandoffEventSink
{
    Task HandleAsync(HandoffStreamEntry entry, CancellationToken cancellationToken);
}
