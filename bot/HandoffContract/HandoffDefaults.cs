using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffContract;

/// <summary>
/// Defaults both services must agree on, written once. Each service's options start from these (an operator may
/// still set them per service, e.g. <c>Handoff:TranscriptRetentionDays</c> and <c>Conversations:TranscriptRetentionDays</c>).
/// </summary>
public static class HandoffDefaults
{
    /// <summary>Transcripts and handoff records are kept this long after their last change (the bot's appends, the dashboard's close).</summary>
    public const int TranscriptRetentionDays = 180;

    /// <summary>Approximate cap of each handoff stream (XADD MAXLEN ~).</summary>
    public const int StreamMaxLength = StreamKeys.DefaultMaxLength;
}
