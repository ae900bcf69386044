using System.Text.Json.Nodes;
using ChatSupport.Bot;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.TestSupport;
using Microsoft.Playwright;

namespace ChatSupport.Browser.Tests.Chats;

/// <summary>
/// Labels and private notes in headless Chromium, with the real bot and the real dashboard on one redis-server: a
/// supervisor manages the label list, an agent labels a chat and writes a note in the chat view; the shopper, talking
/// to the bot over Direct Line, gets the agent's reply and never the note.
/// </summary>
public sealed class LabelsAndNotesPageTests(HeadlessChromium chromium) : IClassFixture<HeadlessChromium>
{
    private const string Secret = "labels-notes-directline-secret-0123";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task ASupervisorManagesLabelsAnAgentLabelsTheChatAndWritesANoteTheShopperNeverReceives()
    {
        using var redis = RedisServer.Start();
        await using var bot = await RunningApp.StartAsync(args => BotApplication.Build(args, SourceWebRoot.Bot),
            [$"--ConnectionStrings:Redis={redis.ConnectionString}", $"--DirectLine:Secret={Secret}", "--Intake:Enabled=false",
             "--Logging:LogLevel:Default=Warning", .. Enum.GetNames<DayOfWeek>().Select(d => $"--Handoff:BusinessHours:{d}=00:00-00:00")]);
        await using var dashboard = await RunningApp.StartAsync(args => DashboardApplication.Build(args, SourceWebRoot.Dashboard),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", "--CannedReplies:AcceptGreeting:Enabled=false", "--Logging:LogLevel:Default=Warning");
        await DashboardSignIn.CreateUserAsync(dashboard, "zhuguan", "王主管", [DashboardRoles.Supervisor], ["general"]);
        // Only the complaints skill: auto-assignment leaves the "human" chat in the queue for the agent to take by hand.
        await DashboardSignIn.CreateUserAsync(dashboard, "xiaoli", "小李", [DashboardRoles.Agent], ["complaints"]);
        var problems = new List<string>();

        // The supervisor adds two labels and deletes one on the label page.
        var supervisor = (await chromium.SignedInPageAsync(dashboard, "zhuguan", Timeout)).RecordProblems(problems).AcceptingDialogs();
        await supervisor.GotoAsync("labels.html");
        foreach (var name in new[] { "物流异常", "临时" })
        {
            await supervisor.GetByLabel("标签名称").FillAsync(name);
            await supervisor.GetByRole(AriaRole.Button, new() { Name = "添加标签" }).ClickAsync();
            await Assertions.Expect(supervisor.Locator($"tr[data-label='{name}']")).ToBeVisibleAsync();
        }
        await supervisor.GetByRole(AriaRole.Button, new() { Name = "删除标签 临时" }).ClickAsync();
        await Assertions.Expect(supervisor.Locator("tr[data-label='临时']")).ToHaveCountAsync(0);

        // An agent sees the list but cannot manage it.
        var agent = (await chromium.SignedInPageAsync(dashboard, "xiaoli", Timeout)).RecordProblems(problems).AcceptingDialogs();
        await agent.GotoAsync("labels.html");
        await Assertions.Expect(agent.Locator("tr[data-label='物流异常']")).ToBeVisibleAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Button, new() { Name = "添加标签" })).ToBeHiddenAsync();
        await Assertions.Expect(agent.GetByRole(AriaRole.Button, new() { Name = "删除标签 物流异常" })).ToHaveCountAsync(0);

        // The agent is at work (the workspace puts them online), so the shopper's request is queued.
        await agent.GotoAsync("index.html");
        await Assertions.Expect(agent.Locator("body[data-ready=true]")).ToHaveCountAsync(1);
        await using var shopper = new DirectLineTestClient(bot.BaseAddress);
        await shopper.StartAsync(Secret);
        await shopper.ConnectStreamAsync();
        await shopper.PostMessageAsync("转人工");
        await shopper.NextAsync(DirectLineTestClient.BotSays("转接人工客服"), Timeout);

        var queue = agent.GetByRole(AriaRole.List, new() { Name = "排队中的会话" });
        await queue.GetByRole(AriaRole.Button, new() { Name = "接入" }).ClickAsync();
        await shopper.NextAsync(DirectLineTestClient.BotSays("已接入"), Timeout);

        // A label from the list, saved on the chat.
        var labels = agent.GetByRole(AriaRole.Region, new() { Name = "会话标签" });
        await labels.GetByLabel("物流异常").CheckAsync();
        await Assertions.Expect(labels.GetByText("已保存。")).ToBeVisibleAsync();
        var labelsOnChat = await (await agent.APIRequest.GetAsync($"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/labels")).JsonAsync();
        Assert.Equal("物流异常", labelsOnChat!.Value.GetProperty("labels")[0].GetString());

        // A private note: shown in the transcript in the note style, at once and after reopening the chat.
        const string note = "顾客情绪激动，已申请补偿券，注意安抚";
        await agent.GetByLabel("内部备注").FillAsync(note);
        await agent.GetByRole(AriaRole.Button, new() { Name = "添加备注" }).ClickAsync();
        var transcript = agent.GetByRole(AriaRole.List, new() { Name = "聊天记录" });
        await Assertions.Expect(transcript.Locator(".line-note")).ToContainTextAsync(note);
        await Assertions.Expect(transcript.Locator(".line-note .meta")).ToContainTextAsync("内部备注");
        Assert.NotEqual(
            await transcript.Locator(".line-note .text").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"),
            await transcript.Locator(".line-customer .text").First.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));

        // Then a reply the shopper does get.
        await agent.GetByLabel("回复内容").FillAsync("您好，我是小李，马上为您处理。");
        await agent.GetByRole(AriaRole.Button, new() { Name = "发送" }).ClickAsync();
        var receivedAfterNote = new List<JsonObject>();
        await shopper.NextAsync(a => { receivedAfterNote.Add(a); return a["text"]?.GetValue<string>() == "您好，我是小李，马上为您处理。"; }, Timeout);

        await agent.ReloadAsync();
        await Assertions.Expect(transcript.Locator(".line-note")).ToContainTextAsync(note);
        await Assertions.Expect(labels.GetByLabel("物流异常")).ToBeCheckedAsync();

        // Nothing of the note reached the shopper: not one activity they received (the reply came after the note, so
        // everything sent before it has arrived), not the bot's transcript, not the stream the bot reads.
        while (shopper.Received.Reader.TryRead(out var activity)) receivedAfterNote.Add(activity);
        Assert.Contains(receivedAfterNote, a => a["text"]?.GetValue<string>() == "您好，我是小李，马上为您处理。");
        Assert.DoesNotContain(receivedAfterNote, a => a["text"]?.GetValue<string>().Contains("补偿券") == true);
        // The conversation's whole activity log as Direct Line serves it (a polling client, or a reconnect, reads this).
        var logResponse = await shopper.SendAsync(HttpMethod.Get, $"v3/directline/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/activities", shopper.Token);
        var log = JsonNode.Parse(await logResponse.Content.ReadAsStringAsync())!["activities"]!.AsArray().Select(a => a!.ToJsonString(new System.Text.Json.JsonSerializerOptions
            { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })).ToList();
        Assert.Contains(log, a => a.Contains("您好，我是小李，马上为您处理。"));
        Assert.DoesNotContain(log, a => a.Contains("补偿券"));
        using var connection = redis.Connect();
        var db = connection.GetDatabase();
        Assert.DoesNotContain(await db.ListRangeAsync(HandoffKeys.Transcript(shopper.ConversationId)), line => line.ToString().Contains("补偿券"));
        Assert.DoesNotContain(await db.StreamRangeAsync(StreamKeys.ToBot), e => e.Values.Any(v => v.Value.ToString().Contains("补偿券")));
        var fromBotTranscript = await (await agent.APIRequest.GetAsync($"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/transcript")).TextAsync();
        Assert.DoesNotContain("补偿券", fromBotTranscript);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
