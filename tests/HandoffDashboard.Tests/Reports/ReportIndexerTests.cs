using ChatSupport.HandoffDashboard.Reports;
using ChatSupport.TestSupport;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.Reports;

public sealed class ReportIndexerTests
{
    [Fact]
    public async Task EventsDeliveredShuffledAndTwiceGiveTheFiguresComputedFromHowTheChatsWent()
    {
        using var redis = RedisServer.Start();
        using var connection = redis.Connect();
        var indexer = new ReportIndexer(connection);
        var data = GeneratedChats.Create(seed: 99, new DateOnly(2026, 10, 30), days: 2, chats: 25, ["a", "b"]);
        var entries = data.Events.Select((e, i) => new HandoffStreamEntry("to-bot", $"1-{i}", e)).ToList();
        var shuffled = entries.Concat(entries.Take(30)).OrderBy(_ => Random.Shared.Next()).ToList();

        foreach (var entry in shuffled) await indexer.HandleAsync(entry, CancellationToken.None);

        var db = connection.GetDatabase();
        foreach (var ((day, agent), e) in data.ByDayAndAgent)
        {
            var h = (await db.HashGetAllAsync(ReportKeys.AgentDaily(day))).ToDictionary(x => (string)x.Name!, x => (long)x.Value);
            long Get(string metric) => h.GetValueOrDefault(AgentMetrics.Field(agent, metric));
            Assert.Equal(e.Handled, Get(AgentMetrics.Handled));
            Assert.Equal((e.FrtMs, e.FrtN), (Get(AgentMetrics.FirstResponseMs), Get(AgentMetrics.FirstResponseCount)));
            Assert.Equal((e.ArtMs, e.ArtN), (Get(AgentMetrics.ResponseMs), Get(AgentMetrics.ResponseCount)));
            Assert.Equal((e.ResMs, e.ResN), (Get(AgentMetrics.ResolutionMs), Get(AgentMetrics.ResolutionCount)));
            Assert.Equal((e.Good, e.Mid, e.Bad), (Get(AgentMetrics.Satisfied), Get(AgentMetrics.Neutral), Get(AgentMetrics.Dissatisfied)));
        }
    }
}
