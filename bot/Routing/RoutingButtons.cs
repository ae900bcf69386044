namespace ChatSupport.Bot.Routing;

/// <summary>
/// The quick-reply buttons whose text routes the next message (with <see cref="ReplyWording.TalkToPersonButton"/>):
/// shown by Dialogue and Handoff, recognised only in <see cref="ShopperRoutes"/>.
/// </summary>
public static class RoutingButtons
{
    /// <summary>Under a clarify list: none of the offered questions, hand over.</summary>
    public const string NoneOfTheseHuman = "都不是，转人工";

    /// <summary>While queued: take me out of the queue.</summary>
    public const string LeaveQueue = "结束排队";
}
