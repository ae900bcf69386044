using ChatSupport.HandoffDashboard.Sales;
using Microsoft.Extensions.Time.Testing;

namespace ChatSupport.HandoffDashboard.Tests.Sales;

public sealed class SalesAttributionTests
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(24);

    [Fact]
    public void AnOrderWithinTheWindowAfterAChatCountsForItsAgentAndOneAfterItForNobody()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var chat = new AgentChat("c-1", "wang", clock.GetUtcNow(), clock.GetUtcNow().AddMinutes(20));

        clock.Advance(TimeSpan.FromMinutes(10)); // during the chat
        Assert.Equal("wang", SalesAttribution.For(clock.GetUtcNow(), [chat], Window)?.AgentId);
        clock.Advance(TimeSpan.FromMinutes(10) + Window); // exactly the window after the chat ended
        Assert.Equal("wang", SalesAttribution.For(clock.GetUtcNow(), [chat], Window)?.AgentId);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Null(SalesAttribution.For(clock.GetUtcNow(), [chat], Window));
    }

    [Fact]
    public void AnOrderBeforeAnyChatCountsForNobodyAndTheLatestChatWins()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var before = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromHours(1));
        var first = new AgentChat("c-1", "wang", clock.GetUtcNow(), clock.GetUtcNow().AddMinutes(5));
        clock.Advance(TimeSpan.FromHours(2));
        var second = new AgentChat("c-2", "li", clock.GetUtcNow(), null); // still going
        clock.Advance(TimeSpan.FromMinutes(30));

        Assert.Null(SalesAttribution.For(before, [first, second], Window));
        Assert.Equal("li", SalesAttribution.For(clock.GetUtcNow(), [first, second], Window)?.AgentId);
        // A shorter window configured: the ended chat is out of it, the running one still counts.
        Assert.Equal("c-2", SalesAttribution.For(clock.GetUtcNow(), [first, second], TimeSpan.FromMinutes(10))?.ConversationId);
        Assert.Null(SalesAttribution.For(clock.GetUtcNow(), [first], TimeSpan.FromMinutes(10)));
    }

    [Fact]
    public void TheWebhookSignatureIsCheckedAgainstTheClockAndTheKey()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        var ts = clock.GetUtcNow().ToUnixTimeSeconds();
        var sig = WebhookSignature.Compute("key", ts, "/api/store/orders", "{\"orderId\":\"1\"}");
        Assert.Equal(WebhookSignature.Verdict.Valid, WebhookSignature.Check("key", ts.ToString(), sig, "/api/store/orders", "{\"orderId\":\"1\"}", clock.GetUtcNow(), 300));
        Assert.Equal(WebhookSignature.Verdict.Wrong, WebhookSignature.Check("key", ts.ToString(), sig, "/api/store/orders", "{\"orderId\":\"2\"}", clock.GetUtcNow(), 300));
        Assert.Equal(WebhookSignature.Verdict.Wrong, WebhookSignature.Check("other", ts.ToString(), sig, "/api/store/orders", "{\"orderId\":\"1\"}", clock.GetUtcNow(), 300));
        Assert.Equal(WebhookSignature.Verdict.Missing, WebhookSignature.Check("key", null, sig, "/api/store/orders", "", clock.GetUtcNow(), 300));
        clock.Advance(TimeSpan.FromSeconds(301));
        Assert.Equal(WebhookSignature.Verdict.Stale, WebhookSignature.Check("key", ts.ToString(), sig, "/api/store/orders", "{\"orderId\":\"1\"}", clock.GetUtcNow(), 300));
    }
}
