namespace ChatSupport.Bot.Routing.Unanswered;

/// <summary>A question the bot could not answer outright (fallback or clarify), aggregated by normalised text.</summary>
public sealed record UnansweredQuestion(
    string NormalizedText,
    string LastText,
    long Count,
    DateTimeOffset LastSeen,
    string LastRoute,
    IReadOnlyList<RouteCandidate> TopCandidates);

/// <summary>Records every fallback and clarify so admins can add the question to the right FAQ.</summary>
public interface IUnansweredQuestionLog
{
    /// <summary>Called by the turn handler on every fallback or clarify decision; other routes are ignored.</summary>
    Task RecordAsync(string text, RoutingDecision decision, CancellationToken cancellationToken);

    /// <summary>Most recently seen first.</summary>
    Task<IReadOnlyList<UnansweredQuestion>> ListAsync(int limit, CancellationToken cancellationToken);

    /// <summary>Drops the entries for these normalised texts: an admin has made the question answerable.</summary>
    Task ForgetAsync(IEnumerable<string> normalizedTexts, CancellationToken cancellationToken);
}
