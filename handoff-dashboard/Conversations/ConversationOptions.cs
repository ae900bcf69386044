using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.Conversations;

/// <summary>Section "Conversations": limits and timings of the queue and the agents' chats.</summary>
public sealed class ConversationOptions
{
    public const string SectionName = "Conversations";

    /// <summary>Longest agent message accepted (characters); longer ones are refused with a clear error, never cut.</summary>
    [Range(1, 20000)] public int MaxMessageLength { get; set; } = 2000;

    /// <summary>Longest transfer note.</summary>
    [Range(1, 5000)] public int MaxNoteLength { get; set; } = 500;

    /// <summary>How often each instance retries auto-assignment of waiting chats and expires grace periods.</summary>
    [Range(100, 60000)] public int SweepIntervalMilliseconds { get; set; } = 1000;

    /// <summary>A closed conversation's hash and transcript are kept this long, then Redis expires them.</summary>
    [Range(1, 3650)] public int TranscriptRetentionDays { get; set; } = HandoffContract.HandoffDefaults.TranscriptRetentionDays;

    /// <summary>Approximate cap on the dashboard → bot stream (XADD MAXLEN ~).</summary>
    [Range(1000, 10_000_000)] public int StreamMaxLength { get; set; } = HandoffContract.HandoffDefaults.StreamMaxLength;

    /// <summary>How many earlier conversations of the same shopper the chat view shows.</summary>
    [Range(0, 100)] public int EarlierConversations { get; set; } = 10;
}
