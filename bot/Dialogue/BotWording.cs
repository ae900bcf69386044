namespace ChatSupport.Bot.Dialogue;

/// <summary>What the bot says to shoppers, in one place. Never 不知道 / 不行 / 不可以: always a way forward.</summary>
public static class BotWording
{
    public const string Greeting = "您好，欢迎光临！我是智能客服小禾，24 小时在线 😊 发货、物流、商品使用的问题都可以直接问我，也可以点下面的常见问题：";
    public const string EmptyMessage = "亲，您想咨询什么呢？可以直接输入问题，或点下面的常见问题：";
    public const string Clarify = "亲，您想问的是下面哪一个呢？点一下就好：";
    public const string Fallback = "这个问题小禾还在学习中，换个说法试试？您也可以点下面的常见问题，或者转人工客服为您处理：";
    public const string AskForHuman = "转人工客服";
    public const string NoneOfTheseHuman = "都不是，转人工";

}
