using ChatSupport.Bot.Protocol;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Handoff;

/// <summary>
/// The satisfaction survey after an agent closes the chat: the rating buttons, then an optional comment; both go to the
/// dashboard (SurveyAnswered). A shopper who asks a new question instead gets it answered.
/// </summary>
public sealed class SatisfactionSurvey(ToDashboardEvents events, TimeProvider clock)
{
    private const string SurveyPendingKey = "surveyPending";
    private const string SurveyCommentPendingKey = "surveyCommentPending";

    /// <summary>Asks for the rating (the closing agent's chat was just handed back to the bot).</summary>
    public static Task<ResourceResponse> AskAsync(TurnContext turn, Func<string, IEnumerable<CardAction>, Task<ResourceResponse>> send)
    {
        turn.ConversationState.Set(SurveyPendingKey, true);
        return send(HandoffWording.Survey,
            [CardAction.ImBack(HandoffWording.Satisfied), CardAction.ImBack(HandoffWording.Neutral), CardAction.ImBack(HandoffWording.Dissatisfied)]);
    }

    /// <summary>A rating or a comment the survey asked for in an earlier turn; false when none was asked or the text is a new question.</summary>
    /// <param name="isNewQuestion">True when the text is a question the bot would answer or hand over (not a comment).</param>
    public async Task<bool> TryAnswerAsync(TurnContext turn, string text, Func<string, bool> isNewQuestion, CancellationToken ct)
    {
        var state = turn.ConversationState;
        var conversationId = ConversationKey.Of(turn.Activity);
        if (state.Get<bool>(SurveyPendingKey))
        {
            state.Remove(SurveyPendingKey);
            // Published as the canonical rating whatever script the buttons were shown in: reports count these words.
            if (new[] { HandoffWording.Satisfied, HandoffWording.Neutral, HandoffWording.Dissatisfied }.FirstOrDefault(b => turn.IsButton(text, b)) is { } rating)
            {
                await events.PublishAsync(HandoffEvent.SurveyAnswered(conversationId, clock.GetUtcNow(), rating, comment: null), turn.Fence);
                state.Set(SurveyCommentPendingKey, true);
                await turn.SendTextAsync(HandoffWording.AskComment, ct, [CardAction.ImBack(HandoffWording.SkipComment)], textFormat: "plain");
                return true;
            }
            return false; // a new question instead of a rating: answer it
        }
        if (state.Get<bool>(SurveyCommentPendingKey))
        {
            state.Remove(SurveyCommentPendingKey);
            // The comment is optional: a shopper who simply asks the next question gets an answer.
            var skipped = turn.IsButton(text, HandoffWording.SkipComment);
            if (!skipped && isNewQuestion(text)) return false;
            if (!skipped)
            {
                await events.PublishAsync(HandoffEvent.SurveyAnswered(conversationId, clock.GetUtcNow(), rating: null, comment: text), turn.Fence);
            }
            await turn.SendTextAsync(skipped ? HandoffWording.ThanksNoComment : HandoffWording.ThanksForComment, ct, textFormat: "plain");
            return true;
        }
        return false;
    }
}
