using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.Complaints;

/// <summary>The complaint register over real HTTP and a real redis-server: each state change and who may make it.</summary>
public sealed class ComplaintRegisterTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());

    private static async Task<string> OpenAsync(HttpClient http, string category = "物流")
    {
        var response = await http.PostAsJsonAsync("api/complaints", new { customerName = "王女士", summary = "快递一周没到", category });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await Json(response)).GetProperty("complaint").GetProperty("id").GetString()!;
    }

    private static Task<HttpResponseMessage> StepAsync(HttpClient http, string id, object body) =>
        http.PostAsJsonAsync($"api/complaints/{id}/transitions", body);

    private static async Task<string> StepOkAsync(HttpClient http, string id, object body)
    {
        var response = await StepAsync(http, id, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text).GetProperty("complaint").GetProperty("state").GetString()!;
    }

    [Fact]
    public async Task OpeningFromAChatPrefillsCustomerOrderNumberAndTranscriptExcerpt()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var conversation = "conv-" + Guid.NewGuid().ToString("N")[..8];
        await d.Db.HashSetAsync(HandoffKeys.Conversation(conversation),
        [
            new(ConversationFields.CustomerId, "shopper-7"), new(ConversationFields.CustomerName, "李先生"),
            // The agent's own chat: only a chat the agent may read can prefill a complaint (AccessRuleTests).
            new(ConversationFields.Status, nameof(ConversationStatus.WithAgent)), new(ConversationFields.Assignee, "xiaoli"),
        ]);
        var t0 = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);
        foreach (var (i, sender, text) in new[]
                 {
                     (1, TranscriptSenders.Customer, "我要投诉，订单号：A2026110155 的杯子碎了"),
                     (2, TranscriptSenders.Bot, "正在为您转接人工客服"),
                     (3, TranscriptSenders.Agent, "您好，我来帮您处理"),
                 })
        {
            await d.Db.ListRightPushAsync(HandoffKeys.Transcript(conversation),
                new TranscriptEntry($"{conversation}|{i:D7}", t0.AddMinutes(i), sender, sender == "agent" ? "小李" : null, text).ToJson());
        }
        var agent = await d.AgentAsync();

        var response = await agent.PostAsJsonAsync("api/complaints", new { conversationId = conversation, category = "质量" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var c = (await Json(response)).GetProperty("complaint");
        Assert.Equal("李先生", c.GetProperty("customerName").GetString());
        Assert.Equal("shopper-7", c.GetProperty("customerId").GetString());
        Assert.Equal("A2026110155", c.GetProperty("orderNumber").GetString());
        Assert.Equal("受理", c.GetProperty("state").GetString());
        Assert.Equal(3, c.GetProperty("transcriptExcerpt").GetArrayLength());
        Assert.Equal("我要投诉，订单号：A2026110155 的杯子碎了", c.GetProperty("transcriptExcerpt")[0].GetProperty("text").GetString());
        Assert.Equal(d.Clock.Now, c.GetProperty("openedAt").GetDateTimeOffset());
        Assert.Equal("xiaoli", c.GetProperty("openedBy").GetString());
    }

    [Fact]
    public async Task OpeningFromAnUnknownChatOrWithoutContentIsRefusedAndNothingIsStored()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var agent = await d.AgentAsync();

        var unknown = await agent.PostAsJsonAsync("api/complaints", new { conversationId = "no-such-chat" });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("找不到这个会话", await unknown.Content.ReadAsStringAsync());
        var empty = await agent.PostAsJsonAsync("api/complaints", new { customerName = "王女士" });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        var badCategory = await agent.PostAsJsonAsync("api/complaints", new { customerName = "王女士", summary = "x", category = "天气" });
        Assert.Equal(HttpStatusCode.BadRequest, badCategory.StatusCode);

        Assert.Equal(0, await d.Db.SortedSetLengthAsync(ChatSupport.HandoffContract.Keys.ComplaintKeys.ByOpenedAt));
    }

    [Fact]
    public async Task AComplaintWalksTheWholeFlowWithWhoAndWhenForEachStepAndAnUneditedHistory()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var agent = await d.AgentAsync();
        var supervisor = await d.SupervisorAsync();
        var id = await OpenAsync(agent);
        var history0 = await d.Db.ListRangeAsync(ChatSupport.HandoffContract.Keys.ComplaintKeys.History(id));

        d.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("判断", await StepOkAsync(agent, id, new { to = "判断", validity = "成立", category = "物流" }));
        d.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("调查", await StepOkAsync(agent, id, new { to = "调查", department = "仓储部" }));
        d.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("方案", await StepOkAsync(agent, id, new { to = "方案", plan = "补发一件并赠送优惠券", investigation = "快递丢件" }));
        var history3 = await d.Db.ListRangeAsync(ChatSupport.HandoffContract.Keys.ComplaintKeys.History(id));

        // An agent may not approve; the refusal says why and changes nothing.
        var refused = await StepAsync(agent, id, new { to = "审批" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("只有主管可以审批方案", await refused.Content.ReadAsStringAsync());

        d.Clock.Advance(TimeSpan.FromMinutes(5));
        var approvedAt = d.Clock.Now;
        Assert.Equal("审批", await StepOkAsync(supervisor, id, new { to = "审批", approvalNote = "同意" }));
        d.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("实施", await StepOkAsync(agent, id, new { to = "实施", compensation = "优惠券 20 元" }));
        d.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("回访", await StepOkAsync(agent, id, new { to = "回访", customerConfirmation = "顾客已收到补发，满意" }));
        d.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal("归档", await StepOkAsync(supervisor, id, new { to = "归档", note = "结案" }));

        var detail = await Json(await agent.GetAsync($"api/complaints/{id}"));
        var c = detail.GetProperty("complaint");
        Assert.Equal("zhuguan", c.GetProperty("approvedBy").GetString());
        Assert.Equal(approvedAt, c.GetProperty("approvedAt").GetDateTimeOffset());
        Assert.Equal("补发一件并赠送优惠券", c.GetProperty("plan").GetString());
        Assert.Equal("仓储部", c.GetProperty("department").GetString());
        var history = detail.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["受理", "判断", "调查", "方案", "审批", "实施", "回访", "归档"], history.Select(h => h.GetProperty("to").GetString()));
        Assert.Equal(["xiaoli", "xiaoli", "xiaoli", "xiaoli", "zhuguan", "xiaoli", "xiaoli", "zhuguan"], history.Select(h => h.GetProperty("by").GetString()));
        var times = history.Select(h => h.GetProperty("at").GetDateTimeOffset()).ToList();
        Assert.Equal(Enumerable.Range(0, 8).Select(i => d.Clock.Now.AddMinutes(-35 + 5 * i)), times);
        Assert.Empty(detail.GetProperty("next").EnumerateArray());

        // The history only grew: earlier entries are byte-for-byte what they were.
        var historyNow = await d.Db.ListRangeAsync(ChatSupport.HandoffContract.Keys.ComplaintKeys.History(id));
        Assert.Equal(history0.Select(v => (string)v!), historyNow.Take(1).Select(v => (string)v!));
        Assert.Equal(history3.Select(v => (string)v!), historyNow.Take(4).Select(v => (string)v!));

        // Archived is the end: nothing follows.
        var after = await StepAsync(supervisor, id, new { to = "回访", customerConfirmation = "再次回访" });
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
    }

    [Fact]
    public async Task StepsOutsideTheFlowAreRefusedWith409AndAReason()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var agent = await d.AgentAsync();
        var supervisor = await d.SupervisorAsync();
        var id = await OpenAsync(agent);

        var skip = await StepAsync(supervisor, id, new { to = "审批" });
        Assert.Equal(HttpStatusCode.Conflict, skip.StatusCode);
        Assert.Contains("只能转到：判断", await skip.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Conflict, (await StepAsync(agent, id, new { to = "归档" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await StepAsync(agent, id, new { to = "完成" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await StepAsync(agent, id, new { to = "判断" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await StepAsync(agent, "TS-none", new { to = "判断", validity = "成立" })).StatusCode);

        // Not valid: straight to 归档 with the reply given, never to 调查.
        Assert.Equal(HttpStatusCode.BadRequest, (await StepAsync(agent, id, new { to = "判断", validity = "不成立" })).StatusCode);
        Assert.Equal("判断", await StepOkAsync(agent, id, new { to = "判断", validity = "不成立", validityReply = "商品签收时完好，已向顾客说明" }));
        var investigate = await StepAsync(agent, id, new { to = "调查" });
        Assert.Equal(HttpStatusCode.Conflict, investigate.StatusCode);
        Assert.Contains("不成立", await investigate.Content.ReadAsStringAsync());
        Assert.Equal("归档", await StepOkAsync(agent, id, new { to = "归档" }));

        var state = await d.Db.HashGetAsync(ChatSupport.HandoffContract.Keys.ComplaintKeys.Complaint(id), "state");
        Assert.Equal("归档", (string)state!);
        Assert.Equal(3, await d.Db.ListLengthAsync(ChatSupport.HandoffContract.Keys.ComplaintKeys.History(id)));
    }

    [Fact]
    public async Task OnlyASupervisorSendsAPlanBackAndMustSayWhy()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var agent = await d.AgentAsync();
        var supervisor = await d.SupervisorAsync();
        var id = await OpenAsync(agent);
        await StepOkAsync(agent, id, new { to = "判断", validity = "成立" });
        await StepOkAsync(agent, id, new { to = "调查" });
        Assert.Equal(HttpStatusCode.BadRequest, (await StepAsync(agent, id, new { to = "方案" })).StatusCode);
        await StepOkAsync(agent, id, new { to = "方案", plan = "退款 10 元" });

        Assert.Equal(HttpStatusCode.Forbidden, (await StepAsync(agent, id, new { to = "调查", note = "我想再查查" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await StepAsync(supervisor, id, new { to = "调查" })).StatusCode);
        Assert.Equal("调查", await StepOkAsync(supervisor, id, new { to = "调查", note = "补偿不够，重新核实" }));
    }

    [Fact]
    public async Task TwoPeopleSteppingTheSameComplaintAtOnceCannotBothWin()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var a = await d.AgentAsync("a1");
        var b = await d.AgentAsync("b1");
        var id = await OpenAsync(a);

        var results = await Task.WhenAll(
            StepAsync(a, id, new { to = "判断", validity = "成立" }),
            StepAsync(b, id, new { to = "判断", validity = "不成立", validityReply = "无责" }));

        Assert.Single(results, r => r.StatusCode == HttpStatusCode.OK);
        Assert.Single(results, r => r.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(2, await d.Db.ListLengthAsync(ChatSupport.HandoffContract.Keys.ComplaintKeys.History(id)));
    }

    [Fact]
    public async Task ChangingTheCategoryAtJudgementMovesTheComplaintInTheClassificationCounters()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var agent = await d.AgentAsync();
        var id = await OpenAsync(agent, "物流");
        var day = ComplaintKeys.DailyClassification(DateOnly.FromDateTime(d.Clock.Now.UtcDateTime));
        Assert.Equal(1, (long)await d.Db.HashGetAsync(day, "物流\x1f受理"));

        d.Clock.Advance(TimeSpan.FromDays(1)); // counted on the day it was opened, whenever it moves
        await AfterSalesDashboard.SignInAgainAsync(agent, "xiaoli");
        await StepOkAsync(agent, id, new { to = "判断", validity = "成立", category = "质量" });

        var cells = (await d.Db.HashGetAllAsync(day)).ToDictionary(e => (string)e.Name!, e => (long)e.Value);
        Assert.Equal(0, cells["物流\x1f受理"]);
        Assert.Equal(1, cells["质量\x1f判断"]);
        Assert.Equal(1, cells.Values.Sum());
    }

    [Fact]
    public async Task SupervisorsEditTheCategoryListAndAgentsMayNot()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        var agent = await d.AgentAsync();
        var supervisor = await d.SupervisorAsync();
        Assert.Equal(["质量", "物流", "服务态度", "发错/少件", "价格", "其他"],
            (await agent.GetFromJsonAsync<string[]>("api/complaints/categories"))!);

        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync("api/complaints/categories", new { categories = new[] { "x" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await supervisor.PutAsJsonAsync("api/complaints/categories", new { categories = new[] { " " } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await supervisor.PutAsJsonAsync("api/complaints/categories", new { categories = new[] { "质量", "包装", "质量" } })).StatusCode);

        Assert.Equal(["质量", "包装"], (await agent.GetFromJsonAsync<string[]>("api/complaints/categories"))!);
        Assert.Equal(HttpStatusCode.Created, (await agent.PostAsJsonAsync("api/complaints", new { customerName = "甲", summary = "盒子破了", category = "包装" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await agent.PostAsJsonAsync("api/complaints", new { customerName = "甲", summary = "慢", category = "物流" })).StatusCode);
    }

    [Fact]
    public async Task TheRegisterNeedsASignedInUserAndIsInTheOpenApiDocument()
    {
        await using var d = await AfterSalesDashboard.StartAsync();
        using var anonymous = d.App.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("api/complaints")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("api/complaints", new { customerName = "x", summary = "y" })).StatusCode);

        var admin = await d.AdminAsync();
        var openApi = await admin.GetStringAsync("openapi/v1.json");
        foreach (var route in new[]
                 {
                     "/api/complaints", "/api/complaints/{id}", "/api/complaints/{id}/transitions", "/api/follow-ups",
                     "/api/handovers", "/api/reports/agents", "/api/reports/complaints", "/api/reports/bot", "/api/knowledge/files",
                 })
        {
            Assert.Contains($"\"{route}\"", openApi);
        }
    }
}
