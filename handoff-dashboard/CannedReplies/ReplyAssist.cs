namespace ChatSupport.HandoffDashboard.CannedReplies;

public sealed record ReplyAssistResult(IReadOnlyList<CannedReplyView> Replies, FaqSuggestion? Faq, string? Note);

/// <summary>For the shopper's latest message: the three closest canned replies and the bot's best FAQ answer.</summary>
public sealed class ReplyAssist(CannedReplyIndex index, RedisCannedReplyStore store, BotKnowledgeClient knowledge, ILogger<ReplyAssist> logger)
{
    public const int ReplyCount = 3;

    public async Task<ReplyAssistResult> SuggestAsync(string text, Caller caller, CancellationToken cancellationToken)
    {
        await index.EnsureLoadedAsync(store, cancellationToken);
        var replies = TextSimilarity.Closest(index.Items.Select(i => i.Reply).Where(r => r.IsVisibleTo(caller.UserId)), text, ReplyCount)
            .Select(x => CannedReplyView.From(x.Reply, caller.CanEdit(x.Reply)))
            .ToList();
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
