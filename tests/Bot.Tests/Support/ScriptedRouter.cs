using ChatSupport.Bot.Routing;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Tests.Support;

/// <summary>
/// A router double for protocol tests, where the knowledge engine is not under test: "几天" answers,
/// "退货" hands over, "哪个" clarifies, anything else falls back. Like the real router it reads traditional text folded
/// to simplified.
/// </summary>
internal sealed class ScriptedRouter : IMessageRouter
{
    public RoutingDecision Route(string text, RoutingContext context)
    {
        text = ChatSupport.Bot.Knowledge.Normalization.TraditionalToSimplified.Shared.Convert(text);
        if (text.Contains("几天")) return new RoutingDecision(ChatSupport.Bot.Routing.Route.Answer, 0.9) { FaqId = "shipping/delivery-time", AnswerMarkdown = "江浙沪 1–2 天送达。" };
        if (text.Contains("退货") || text.Contains("人工")) return new RoutingDecision(ChatSupport.Bot.Routing.Route.Handoff, 0.9) { Reason = text.Contains("人工") ? HandoffReason.Human : HandoffReason.AfterSales };
        if (text.Contains("投诉")) return new RoutingDecision(ChatSupport.Bot.Routing.Route.Handoff, 0.9) { Reason = HandoffReason.Complaint };
        if (text.Contains("哪个")) return new RoutingDecision(ChatSupport.Bot.Routing.Route.Clarify, 0.5) { Candidates = [new("a", "问题A", 0.5), new("b", "问题B", 0.49)] };
        return new RoutingDecision(ChatSupport.Bot.Routing.Route.Fallback, 0.1);
    }

    public IReadOnlyList<RouteCandidate> QuickTopics(int count) =>
        [new("shipping/courier", "发什么快递？", 1), new("shipping/delivery-time", "几天能到？", 1)];
}
