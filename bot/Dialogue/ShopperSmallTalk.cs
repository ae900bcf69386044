using ChatSupport.Bot.Routing.Intent;

namespace ChatSupport.Bot.Dialogue;

/// <summary>
/// What the bot says to a message that is only small talk (<see cref="SmallTalk"/>): 好的 / 嗯 / 谢谢 / 在吗 / ？ answer
/// what the bot said last. A fallback there ("这个问题我还在学习中") read as if the bot had not understood, and counted
/// towards handing the chat to a person: a shopper thanked for an answer and, after a second 好的, was queued for an
/// agent. The reply is polite and offers a way forward; the fallback count is left as it was.
/// </summary>
public static class ShopperSmallTalk
{
    public static SmallTalkKind Classify(string? text) => SmallTalk.Classify(text);

    /// <summary>The reply to a small-talk message, given what the bot did last in this conversation.</summary>
    public static string ReplyTo(SmallTalkKind kind, string? lastRoute) => kind switch
    {
        SmallTalkKind.Thanks => "不客气哦～还有其他问题随时问我，需要人工服务也可以点“转人工客服”。",
        SmallTalkKind.Acknowledgement when lastRoute == "clarify" => "好的～点一下上面的选项就能看到答案；都不是的话，换个说法再问我，或者点“转人工客服”。",
        SmallTalkKind.Acknowledgement => "好的～还有其他需要帮忙的，随时告诉我哦。",
        SmallTalkKind.PresenceCheck => "亲，在的～请问有什么可以帮您？可以直接输入问题，或点下面的常见问题。",
        SmallTalkKind.Puzzled when lastRoute is "answer" or "clarify" or "fallback" =>
            "亲，可能是我没说清楚～您可以换个说法再问一次，或者点“转人工客服”，由客服同事为您解答。",
        SmallTalkKind.Puzzled => "亲，在的～请问有什么可以帮您？可以直接输入问题，或点下面的常见问题。",
        _ => "",
    };
}
