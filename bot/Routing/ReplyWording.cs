namespace ChatSupport.Bot.Routing;

/// <summary>
/// The Chinese the bot says when it does not answer outright. Polite simplified Chinese that always offers a way
/// forward (quick topics, a person); never 不知道 / 不行 / 不可以. The turn handler renders these with the
/// decision's candidates or <see cref="IMessageRouter.QuickTopics"/> as quick-reply buttons.
/// </summary>
public static class ReplyWording
{
    /// <summary>Quick-reply text that asks for a person (the router hands over on it).</summary>
    public const string TalkToPersonButton = "转人工客服";

    public const string Clarify = "亲，您想问的是下面哪一个呢？点一下就能看到答案～如果都不是，也可以换个说法再问我，或者点“转人工客服”。";

    /// <summary>A single weak but clean match is offered as a question, not as a list.</summary>
    public const string SingleSuggestion = "亲，您是想了解“{0}”吗？是的话点一下就能看到答案～不是的话可以换个说法再问我，或者点“转人工客服”。";

    public const string Fallback = "亲，这个问题我还在学习中，暂时没能找到准确的答案～您可以看看下面的常见问题，换个说法再问我，或者点“转人工客服”，由客服同事为您解答。";

    public const string Greeting = "亲，您好！我是店铺智能客服，下面是大家常问的问题，也可以直接输入您的问题～需要人工服务请点“转人工客服”。";

    public const string EmptyMessage = "亲，在的～请问有什么可以帮您？可以直接输入问题，或点下面的常见问题。";

    /// <summary>Said just before a handoff caused by repeated fallbacks.</summary>
    public const string RepeatedFallbackHandoff = "亲，抱歉没能帮您解决，这就为您转接人工客服，请稍等～";

    /// <summary>Text for a clarify or fallback decision (the lead adds the buttons).</summary>
    public static string For(RoutingDecision decision) => decision.Route switch
    {
        Route.Clarify when decision.Candidates.Count == 1 => string.Format(SingleSuggestion, decision.Candidates[0].Title),
        Route.Clarify => Clarify,
        Route.Fallback when decision.NormalizedText.Length == 0 => EmptyMessage,
        Route.Fallback => Fallback,
        Route.Handoff when decision.Trigger == EscalationTrigger.RepeatedFallback => RepeatedFallbackHandoff,
        _ => "",
    };
}
