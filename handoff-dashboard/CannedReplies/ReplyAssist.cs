using ChatSupport.HandoffDashboard.Auth;
namespace ChatSupport.HandoffDashboard.CannedReplies;

public sealed record ReplyAssistResult(IReadOnlyList<CannedReplyView> Replies, FaqSuggestion? Faq, string? Note);

/// <summary>For the shopper's latest message: the three closest canned replies and the bot's best FAQ answer.</summary>
public sealed class ReplyAssist(CannedReplyIndex index, RedisCannedReplyStore store, ReplyAssistFaqClient knowledge, ILogger<ReplyAssist> logger)
{
    public const int ReplyCount = 3;
    public const double MinScore = 0.1;

    public async Task<ReplyAssistResult> SuggestAsync(string text, SignedInAgent caller, CancellationToken cancellationToken)
    {
        await index.EnsureLoadedAsync(store, cancellationToken);
        var visible = index.Items.Select(i => i.Reply).Where(r => r.IsVisibleTo(caller.Id)).ToList();
        // One shared bigram in a long reply (say 请问) is chance, not relevance.
        var best = TextSimilarity.Closest(visible, text, ReplyCount, MinScore).Select(x => x.Reply).ToList();
        // Fewer than three similar replies: fill up with the most used of the best one's category, which is
        // where the agent would look next. No match at all leaves the list empty rather than guess.
        if (best.Count is > 0 and < ReplyCount)
        {
            best.AddRange(visible.Where(r => r.Category == best[0].Category && !best.Contains(r))
                .OrderByDescending(r => r.UsageCount).ThenBy(r => r.Order).Take(ReplyCount - best.Count));
        }
        var replies = best.Select(r => CannedReplyView.From(r, caller.CanEdit(r))).ToList();
        if (!knowledge.Configured) return new ReplyAssistResult(replies, null, "未配置机器人知识库地址，仅显示快捷回复。");
        try
        {
            var faq = await knowledge.BestAnswerAsync(text, cancellationToken);
            return new ReplyAssistResult(replies, faq, faq is null ? "知识库里没有匹配的问答。" : null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            CannedReplyLog.KnowledgeUnavailable(logger, ex);
            return new ReplyAssistResult(replies, null, "暂时连不上机器人知识库，仅显示快捷回复。");
        }
    }
}
