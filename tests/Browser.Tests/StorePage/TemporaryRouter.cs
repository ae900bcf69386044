// TEMPORARY until the knowledge engine merges: lets the Web Chat wiring be tested now.
using ChatSupport.Bot.Routing;
namespace ChatSupport.Browser.Tests.StorePage;
internal sealed class TemporaryRouter : IMessageRouter
{
    public RoutingDecision Route(string text, RoutingContext context) => text.Contains("几天")
        ? new RoutingDecision(ChatSupport.Bot.Routing.Route.Answer, 0.9) { FaqId = "x", AnswerMarkdown = "江浙沪 **1–2 天**送达。" }
        : new RoutingDecision(ChatSupport.Bot.Routing.Route.Fallback, 0.1);
    public IReadOnlyList<RouteCandidate> QuickTopics(int count) => [new("a", "几天能到？", 1)];
}
