using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.CannedReplies;

namespace ChatSupport.HandoffDashboard.PhraseCheck;

/// <param name="Text">The draft.</param>
/// <param name="Sending">True when the agent pressed send: a warned send is counted for supervisors. Checks while typing are not.</param>
public sealed record PhraseCheckRequest(string? Text, bool? Sending);

public sealed record PhraseCheckResponse(bool Clean, IReadOnlyList<PhraseHit> Hits, CannedReplyView? Suggestion, bool Counted);

public sealed record ForbiddenPhraseInput(string? Phrase, PhraseSeverity? Severity, string? SuggestCategory, string? Hint);

public sealed record ForbiddenPhraseListRequest(IReadOnlyList<ForbiddenPhraseInput>? Phrases);

public static class PhraseCheckEndpoints
{
    public const int MaxPhrases = 500;
    public const int MaxPhraseLength = 20;
    public const int MaxDraftLength = 20_000;

    public static void MapPhraseCheck(this WebApplication app)
    {
        var group = app.MapGroup("/api/phrase-check").WithTags("PhraseCheck");
        group.MapPost("", CheckAsync);
        group.MapGet("/phrases", async (RedisForbiddenPhraseStore store) => Results.Ok(await store.ListAsync()));
        group.MapPut("/phrases", ReplaceAsync).RequireAuthorization(DashboardRoles.AdminPolicy);
    }

    private static async Task<IResult> CheckAsync(PhraseCheckRequest request, SignedInAgent user, RedisForbiddenPhraseStore store,
        CannedReplyIndex index, RedisCannedReplyStore replies, ILogger<RedisForbiddenPhraseStore> logger, CancellationToken ct)
    {
        if (request.Text is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["缺少要检查的内容。"] });
        if (request.Text.Length > MaxDraftLength)
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"内容太长（最多 {MaxDraftLength} 个字）。"] });
        var caller = user;
        await index.EnsureLoadedAsync(replies, ct);
        var outcome = PhraseChecker.Check(request.Text, await store.ListAsync(), index.Items.Select(i => i.Reply).Where(r => r.IsVisibleTo(caller.Id)));
        var counted = false;
        if (!outcome.Clean && request.Sending == true)
        {
            await store.CountWarningAsync(caller.Id);
            PhraseCheckLog.WarnedSend(logger, caller.Id, outcome.Hits.Count);
            counted = true;
        }
        var suggestion = outcome.Suggestion is null ? null : CannedReplyView.From(outcome.Suggestion, caller.CanEdit(outcome.Suggestion));
        return Results.Ok(new PhraseCheckResponse(outcome.Clean, outcome.Hits, suggestion, counted));
    }

    private static async Task<IResult> ReplaceAsync(ForbiddenPhraseListRequest request, SignedInAgent user, RedisForbiddenPhraseStore store,
        ILogger<RedisForbiddenPhraseStore> logger)
    {
        var inputs = request.Phrases ?? [];
        var errors = new Dictionary<string, string[]>();
        if (inputs.Count > MaxPhrases) errors["phrases"] = [$"最多 {MaxPhrases} 条。"];
        var seen = new HashSet<string>();
        var phrases = new List<ForbiddenPhrase>();
        for (var i = 0; i < inputs.Count && errors.Count == 0; i++)
        {
            var phrase = inputs[i].Phrase?.Trim() ?? "";
            if (phrase.Length == 0 || phrase.Length > MaxPhraseLength) errors[$"phrases[{i}].phrase"] = [$"用语应为 1 到 {MaxPhraseLength} 个字。"];
            else if (!seen.Add(phrase)) errors[$"phrases[{i}].phrase"] = [$"“{phrase}”重复了。"];
            else phrases.Add(new ForbiddenPhrase(phrase, inputs[i].Severity ?? PhraseSeverity.Forbidden,
                string.IsNullOrWhiteSpace(inputs[i].SuggestCategory) ? null : inputs[i].SuggestCategory!.Trim(),
                string.IsNullOrWhiteSpace(inputs[i].Hint) ? null : inputs[i].Hint!.Trim()));
        }
        if (errors.Count > 0) return Results.ValidationProblem(errors);
        await store.ReplaceAsync(phrases);
        PhraseCheckLog.ListReplaced(logger, user.Id, phrases.Count);
        return Results.Ok(await store.ListAsync());
    }
}
