using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Routing.Unanswered;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatSupport.Bot.Tests.Routing;

public sealed class UnansweredRetentionTests
{
    [Fact]
    public async Task QuestionsNotAskedWithinTheRetentionAndThoseBeyondTheCapGoWhileRecentOnesStay()
    {
        using var redis = RedisServer.Start();
        using var mux = redis.Connect();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var log = new RedisUnansweredQuestionLog(mux, Options.Create(new UnansweredOptions { MaxEntries = 10, RetentionDays = 2 }), clock);
        var fallback = new RoutingDecision(Route.Fallback, 0.1);

        await log.RecordAsync("很久以前的问题", fallback, CancellationToken.None);
        clock.Advance(TimeSpan.FromDays(3));
        for (var i = 0; i < 12; i++)
        {
            await log.RecordAsync($"新问题 {i:D2}", fallback, CancellationToken.None);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        var kept = (await log.ListAsync(100, CancellationToken.None)).Select(q => q.NormalizedText).ToList();
        Assert.Equal(Enumerable.Range(2, 10).Reverse().Select(i => $"新问题 {i:D2}"), kept);
        Assert.Equal(10, await mux.GetDatabase().SortedSetLengthAsync(KnowledgeKeys.UnansweredIndex));
    }
}
