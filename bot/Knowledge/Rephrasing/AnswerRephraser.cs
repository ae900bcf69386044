using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace ChatSupport.Bot.Knowledge.Rephrasing;

/// <summary>
/// Optionally adapts a matched FAQ answer to the shopper's exact question with an LLM, grounded only in the FAQ
/// text. Off unless a chat client is configured; on any error, empty reply or timeout the FAQ text is returned
/// verbatim, so the shopper always gets the approved answer. A reply that is not grounded in the FAQ as far as a
/// plain check can tell (a number, a link or markup the FAQ does not contain, or far longer than it) is discarded
/// the same way: a price or a deadline the store never wrote is worse than a stiff answer.
/// </summary>
public sealed partial class AnswerRephraser(IChatClient? chatClient, TimeSpan timeout, ILogger<AnswerRephraser> logger)
{
    public bool Enabled => chatClient is not null;

    private const string Instructions =
        "你是网店客服。只根据【FAQ答案】回答顾客的问题，顾客用繁体字就用繁体中文回答，否则用简体中文，语气礼貌简洁。" +
        "不要添加FAQ答案里没有的信息、数字、承诺或链接；如果FAQ答案没有直接回答，就原样给出FAQ答案里最相关的部分。" +
        "保留原有的 Markdown 格式（加粗、列表）。";

    /// <summary>For the turn handler: rephrases an answer decision (returns its FAQ text verbatim when off or failing).</summary>
    public Task<string> RephraseAsync(string question, Routing.RoutingDecision decision, CancellationToken cancellationToken)
    {
        if (decision.Route != Routing.Route.Answer || decision.AnswerMarkdown is null)
            throw new ArgumentException("only answer decisions carry an FAQ answer to rephrase", nameof(decision));
        var title = decision.Candidates.FirstOrDefault(c => c.FaqId == decision.FaqId)?.Title ?? "";
        return RephraseAsync(question, new FaqEntry(decision.FaqId!, title, [], "", [], decision.AnswerMarkdown, ""), cancellationToken);
    }

    public async Task<string> RephraseAsync(string question, FaqEntry faq, CancellationToken cancellationToken)
    {
        if (chatClient is null) return faq.AnswerMarkdown;
        var watch = Stopwatch.StartNew();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            var messages = new List<ChatMessage>
            {
                new(ChatRole.System, Instructions),
                new(ChatRole.User, $"【FAQ问题】{faq.Title}\n【FAQ答案】\n{faq.AnswerMarkdown}\n\n【顾客的问题】{question}"),
            };
            // WaitAsync enforces the deadline even if the client ignores cancellation.
            var response = await chatClient.GetResponseAsync(messages, new ChatOptions { Temperature = 0.2f, MaxOutputTokens = 400 }, timeoutSource.Token)
                .WaitAsync(timeout, cancellationToken);
            var text = response.Text?.Trim();
            if (string.IsNullOrEmpty(text)) throw new InvalidOperationException("empty completion");
            if (Ungrounded(text, faq, question) is { } why) throw new InvalidOperationException($"rephrase discarded: {why}");
            return text;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            KnowledgeLog.RephraseFailed(logger, watch.ElapsedMilliseconds, ex is TimeoutException or OperationCanceledException ? null : ex);
            return faq.AnswerMarkdown;
        }
    }

    /// <summary>Why the reply says something the FAQ (or the shopper's question) does not, or null when nothing stands out.</summary>
    internal static string? Ungrounded(string reply, FaqEntry faq, string question)
    {
        var source = faq.Title + "\n" + faq.AnswerMarkdown + "\n" + question;
        foreach (Match number in Number().Matches(reply))
        {
            if (!Number().Matches(source).Any(m => m.Value == number.Value)) return $"number '{number.Value}' is not in the FAQ";
        }
        foreach (Match link in Link().Matches(reply))
        {
            if (!source.Contains(link.Value, StringComparison.OrdinalIgnoreCase)) return $"link '{link.Value}' is not in the FAQ";
        }
        if (Markup().IsMatch(reply) && !Markup().IsMatch(faq.AnswerMarkdown)) return "HTML markup";
        if (reply.Length > 2 * faq.AnswerMarkdown.Length + 120) return "much longer than the FAQ";
        return null;
    }

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"(?:https?://|www\.)[^\s)\]>]+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"<\s*/?\s*[a-zA-Z!][^>]*>")]
    private static partial Regex Markup();
}
