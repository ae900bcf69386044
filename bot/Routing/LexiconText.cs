using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Routing;

/// <summary>
/// A normalised message together with its lexicon view (<see cref="EscalationDetector.LexiconView"/>: the folded text
/// with the benign compounds blanked out). The view is a regex replace over the whole message, and one routing
/// decision reads it up to five times (the model's features, the complaint, person-request, after-sales and
/// order-details lexicons), so it is computed once per message and passed along in this.
/// </summary>
public readonly record struct LexiconText(NormalizedText Text, string View)
{
    public static LexiconText Of(NormalizedText text) => new(text, EscalationDetector.LexiconView(text));
}
