using System.Text.Json.Serialization;

namespace ChatSupport.HandoffDashboard.PhraseCheck;

/// <summary>Forbidden = never say it to a shopper (禁绝四语); Risky = often comes across badly.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PhraseSeverity>))]
public enum PhraseSeverity { Forbidden, Risky }

/// <summary>
/// A phrase the composer warns about. <paramref name="SuggestCategory"/> is the canned-reply category
/// the polite alternative is taken from (安抚 for refusals, 致歉 for impatience…); null = any category.
/// </summary>
public sealed record ForbiddenPhrase(string Phrase, PhraseSeverity Severity, string? SuggestCategory, string? Hint);
