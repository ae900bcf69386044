using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Protocol;

namespace ChatSupport.Bot.Dialogue;

/// <summary>
/// The bot answers in the script the shopper writes: shoppers from Taiwan and Hong Kong read traditional, and an
/// answer in simplified reads as "not for me". Decided by the characters only one script has, remembered for the
/// conversation (a message such as "ok" or "1" tells nothing and keeps the choice), simplified until something tells.
/// </summary>
public static class ShopperScript
{
    private const string TraditionalKey = "repliesInTraditional";

    public static void Apply(TurnContext turn)
    {
        if (turn.Activity.IsType(ActivityTypes.Message) && turn.Activity.Text is { Length: > 0 } text)
        {
            var traditional = TraditionalToSimplified.Shared.CountTraditionalOnly(text);
            var simplified = SimplifiedToTraditional.Shared.CountSimplifiedOnly(text);
            if (traditional > simplified) turn.ConversationState.Set(TraditionalKey, true);
            else if (simplified > traditional) turn.ConversationState.Remove(TraditionalKey);
        }
        if (turn.ConversationState.Get<bool>(TraditionalKey)) turn.BotTextWriter = SimplifiedToTraditional.Shared.Convert;
    }
}
