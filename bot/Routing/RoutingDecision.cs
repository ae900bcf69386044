using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Routing;

/// <summary>What the bot does with one shopper message. Names match the evaluation contract.</summary>
public enum Route
{
    Answer,
    Clarify,
    Handoff,
    Fallback,
}

/// <summary>An FAQ the matcher considered, best first.</summary>
public sealed record RouteCandidate(string FaqId, string Title, double Score);

/// <summary>
/// The decision for one message. <see cref="Score"/> is the matcher's confidence in [0, 1].
/// Answer: <see cref="FaqId"/> and <see cref="AnswerMarkdown"/>. Clarify: up to three <see cref="Candidates"/>.
/// Handoff: <see cref="Reason"/> and <see cref="Trigger"/>. Fallback: <see cref="Candidates"/> may hold the
/// nearest FAQs (for the unanswered-questions log).
/// </summary>
public sealed record RoutingDecision(Route Route, double Score)
{
    public string? FaqId { get; init; }
    public string? AnswerMarkdown { get; init; }
    public IReadOnlyList<RouteCandidate> Candidates { get; init; } = [];
    public HandoffReason? Reason { get; init; }

    /// <summary>For a handoff: what caused it (complaint wording, anger, after-sales case, request, repeated fallbacks).</summary>
    public EscalationTrigger Trigger { get; init; }

    /// <summary>Short English explanation for logs and the admin "test a question" endpoint.</summary>
    public string Explanation
    {
        get => _explanation ??= _explain?.Invoke() ?? "";
        init => _explanation = value;
    }

    /// <summary>
    /// Builds <see cref="Explanation"/> on first read, instead of formatting scores for every message when only the eval,
    /// the admin explain endpoint and model-assisted routing read it.
    /// </summary>
    public Func<string> ExplainWith
    {
        init
        {
            _explain = value;
            _explanation = null;
        }
    }

    private string? _explanation;
    private Func<string>? _explain;

    /// <summary>The normalised text the decision was made on (what the unanswered-questions log stores).</summary>
    public string NormalizedText { get; init; } = "";

    /// <summary>
    /// A second question in the same message that an FAQ answers clearly on its own (发什么快递 几天能到; 几天到 另外上次
    /// 的少了一件): sent after the answer, or before an after-sales handoff. Never set for a complaint or a request for
    /// a person. Not part of the eval output (the eval scores the first decision).
    /// </summary>
    public RouteCandidate? AlsoAnswer { get; init; }

    /// <summary>The answer text of <see cref="AlsoAnswer"/>.</summary>
    public string? AlsoAnswerMarkdown { get; init; }

}

/// <summary>
/// What the router may know about the conversation so far (the eval command uses <see cref="FirstMessage"/>).
/// <paramref name="ConsecutiveFallbacks"/>: fallbacks in a row just before this message.
/// </summary>
public sealed record RoutingContext(int ConsecutiveFallbacks = 0)
{
    public static readonly RoutingContext FirstMessage = new();
}

/// <summary>Decides answer / clarify / handoff / fallback; the same code in the live bot and the eval command.</summary>
public interface IMessageRouter
{
    /// <summary>Decides a shopper's message; an answer counts towards the most asked topics.</summary>
    RoutingDecision Route(string text, RoutingContext context);

    /// <summary>The same decision without counting it (checks on a reply, the start-up warm-up).</summary>
    RoutingDecision Preview(string text, RoutingContext context) => Route(text, context);

    /// <summary>The most asked topics, offered as quick replies in the greeting and in fallbacks.</summary>
    IReadOnlyList<RouteCandidate> QuickTopics(int count);
}
