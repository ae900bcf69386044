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
/// Handoff: <see cref="Reason"/>.
/// </summary>
public sealed record RoutingDecision(Route Route, double Score)
{
    public string? FaqId { get; init; }
    public string? AnswerMarkdown { get; init; }
    public IReadOnlyList<RouteCandidate> Candidates { get; init; } = [];
    public HandoffReason? Reason { get; init; }
}

/// <summary>What the router may know about the conversation so far (the eval command uses <see cref="FirstMessage"/>).</summary>
public sealed record RoutingContext(int ConsecutiveFallbacks = 0)
{
    public static readonly RoutingContext FirstMessage = new();
}

/// <summary>Decides answer / clarify / handoff / fallback; the same code in the live bot and the eval command.</summary>
public interface IMessageRouter
{
    RoutingDecision Route(string text, RoutingContext context);

    /// <summary>The most asked topics, offered as quick replies in the greeting and in fallbacks.</summary>
    IReadOnlyList<RouteCandidate> QuickTopics(int count);
}
