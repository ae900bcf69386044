namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>Payload on the contract's <see cref="HandoffContract.Keys.CannedReplyKeys.ChangedChannel"/>: changed ids, or all (after import).</summary>
/// <param name="Ids">Ids to re-read (missing ones were deleted); empty with All = true means reload everything.</param>
/// <param name="UsageOnly">Only usage counts changed: refresh ranking, don't tell pages to refetch.</param>
public sealed record CannedReplyChange(IReadOnlyList<string> Ids, bool All, bool UsageOnly);
