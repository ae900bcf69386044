using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Tests.Support;
using ChatSupport.TestSupport;
using static ChatSupport.HandoffDashboard.Tests.Search.SearchAcrossInstancesTests;

namespace ChatSupport.HandoffDashboard.Tests.Search;

public sealed class LabelsAndNotesTests
{
    [Fact]
    public async Task SupervisorsManageTheLabelListAndAgentsLabelTheirChats()
    {
        await using var host = await DashboardHost.StartAsync(instances: 2);
        var supervisor = await host.AdminAsync();
        var agent = await host.AgentAsync("li", online: false);
        var other = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.AfterSales, history: [(TranscriptSenders.Customer, "快递丢了")]);
        await agent.AcceptAsync("c-1");

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.Http.PostAsJsonAsync("api/labels", new { name = "物流异常" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await supervisor.Http.PostAsJsonAsync("api/labels", new { name = "物流异常", color = "#cc3300" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await supervisor.Http.PostAsJsonAsync("api/labels", new { name = "物流异常" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.Http.PostAsJsonAsync("api/labels", new { name = "x", color = "red" })).StatusCode);
        var list = await agent.Http.GetFromJsonAsync<JsonElement>("api/labels");
        Assert.Equal("物流异常", list[0].GetProperty("name").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Http.PutAsJsonAsync("api/conversations/c-1/labels", new { labels = new[] { "不存在" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.PutAsJsonAsync("api/conversations/c-1/labels", new { labels = new[] { "物流异常" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await agent.Http.PutAsJsonAsync("api/conversations/nope/labels", new { labels = new[] { "物流异常" } })).StatusCode);
        var set = await agent.Http.PutAsJsonAsync("api/conversations/c-1/labels", new { labels = new[] { "物流异常" } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);

        var onSecond = supervisor.On(host.Instances[1].BaseAddress);
        await Eventually.TrueAsync(async () => Ids(await SearchAsync(onSecond, "label=" + Uri.EscapeDataString("物流异常"))).SequenceEqual(["c-1"]),
            TimeSpan.FromSeconds(10), "a label is a search filter on every instance");
        await agent.Http.PutAsJsonAsync("api/conversations/c-1/labels", new { labels = Array.Empty<string>() });
        await Eventually.TrueAsync(async () => Ids(await SearchAsync(onSecond, "label=" + Uri.EscapeDataString("物流异常"))).Count == 0,
            TimeSpan.FromSeconds(10), "a removed label is gone from the filter");
    }

    [Fact]
    public async Task ANoteIsForAgentsOnlyAndNeverReachesTheShopper()
    {
        await using var host = await DashboardHost.StartAsync(instances: 2);
        var agent = await host.AgentAsync("li", online: false);
        var other = await host.AgentAsync("wang", online: false);
        await host.Bot.EscalateAsync("c-1", HandoffReason.Complaint, history: [(TranscriptSenders.Customer, "我要投诉")]);
        await agent.AcceptAsync("c-1");
        const string secret = "顾客情绪激动，已申请补偿券，注意安抚";

        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Http.PostAsJsonAsync("api/conversations/c-1/notes", new { text = "  " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.Http.PostAsJsonAsync("api/conversations/c-1/notes", new { text = new string('注', 2001) })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.PostAsJsonAsync("api/conversations/c-1/notes", new { text = secret })).StatusCode);
        var added = await agent.Http.PostAsJsonAsync("api/conversations/c-1/notes", new { text = secret });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await agent.SendAsync("c-1", "非常抱歉给您带来不便")).StatusCode);

        // The shopper's side gets the reply and nothing of the note: not on the stream the bot reads, not in the transcript.
        var toBot = await host.Bot.ConsumeAsync();
        Assert.Contains(toBot, e => e.Text == "非常抱歉给您带来不便");
        Assert.DoesNotContain((await host.Bot.ToBotEventsAsync()).Select(e => e.ToJson()), json => json.Contains("补偿券"));
        var transcript = await host.Connection.GetDatabase().ListRangeAsync(HandoffKeys.Transcript("c-1"));
        Assert.DoesNotContain(transcript, line => line.ToString().Contains("补偿券"));

        var notes = await agent.Http.GetFromJsonAsync<JsonElement>("api/conversations/c-1/notes");
        Assert.Equal(secret, notes[0].GetProperty("text").GetString());
        Assert.Equal("客服li", notes[0].GetProperty("agentName").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await other.Http.GetAsync("api/conversations/c-1/notes")).StatusCode);

        // Searchable for agents, shown as a note.
        var supervisorOnSecond = (await host.AdminAsync()).On(host.Instances[1].BaseAddress);
        await Eventually.TrueAsync(async () => Ids(await SearchAsync(supervisorOnSecond, "q=" + Uri.EscapeDataString("補償券"))).SequenceEqual(["c-1"]),
            TimeSpan.FromSeconds(10), "a note is searchable on every instance (traditional query)");
        var hit = (await SearchAsync(supervisorOnSecond, "q=" + Uri.EscapeDataString("补偿券"))).GetProperty("hits")[0];
        Assert.True(hit.GetProperty("lines")[0].GetProperty("isNote").GetBoolean());
    }
}
