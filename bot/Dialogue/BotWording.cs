namespace ChatSupport.Bot.Dialogue;

/// <summary>
/// What the bot itself says to shoppers beyond the router's wording (Routing.ReplyWording holds the
/// clarify / fallback texts). Never 不知道 / 不行 / 不可以: always a way forward.
/// </summary>
public static class BotWording
{
    public const string Greeting = "您好，欢迎光临！我是智能客服小禾，24 小时在线 😊 发货、物流、商品使用的问题都可以直接问我，也可以点下面的常见问题：";
}
