using ChatSupport.HandoffDashboard.FollowUps;
using ChatSupport.HandoffDashboard.Reports;

namespace ChatSupport.HandoffDashboard.Handovers;

/// <summary>A note an agent writes when ending a shift (交接班记录). Never edited once written.</summary>
public sealed record HandoverNote(string Id, DateTimeOffset At, string By, string? ByName, string Note);

public sealed record WriteHandoverRequest(string? Note);

/// <summary>What the next shift sees in one place.</summary>
public sealed record HandoverBoard(
    IReadOnlyList<HandoverNote> Notes,
    IReadOnlyList<OpenChat> OpenChats,
    IReadOnlyList<WaitingChat> Waiting,
    IReadOnlyList<FollowUp> Cases,
    IReadOnlyList<FollowUp> FollowUpsDue);
