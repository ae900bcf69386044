using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffDashboard.CannedReplies;
using ChatSupport.TestSupport;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

/// <summary>The JSON API against a real redis-server and a real Kestrel.</summary>
public sealed class CannedReplyApiTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RunningApp _app = null!;
    private DashboardSession _supervisor = null!;
    private DashboardSession _agentA = null!;
    private DashboardSession _agentB = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _app = await CannedReplyHost.StartAsync(_redis, "--CannedReplies:SeedDefaults=false");
        _supervisor = await DashboardSession.SignInAsync(_app, "lead", "supervisor");
        _agentA = await DashboardSession.SignInAsync(_app, "alice", "agent");
        _agentB = await DashboardSession.SignInAsync(_app, "bob", "agent");
    }

    public async Task DisposeAsync()
    {
        _supervisor.Dispose();
        _agentA.Dispose();
        _agentB.Dispose();
        await _app.DisposeAsync();
        _redis.Dispose();
    }

    private static object Input(string title, string text, string? shortcut = null, string scope = "Personal", string category = "售后") =>
        new { title, text, shortcut, scope, category, kind = "Reply" };

    [Fact]
    public async Task CreatesListsEditsSearchesAndDeletes()
    {
        var created = await _supervisor.Http.PostAsJsonAsync("api/canned-replies", Input("退款流程", "{客户称呼}，退款请在订单页申请", "/TK", "Team"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reply = await created.JsonAsync();
        var id = reply.GetProperty("id").GetString()!;
        Assert.Equal("/tk", reply.GetProperty("shortcut").GetString());

        var list = await (await _agentA.Http.GetAsync("api/canned-replies")).JsonAsync();
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == id && !i.GetProperty("editable").GetBoolean());

        var found = await (await _agentA.Http.GetAsync("api/canned-replies/search?q=tk")).JsonAsync();
        Assert.Equal(id, found[0].GetProperty("id").GetString());

        var edited = await _supervisor.Http.PutAsJsonAsync($"api/canned-replies/{id}", Input("退款流程说明", "新的内容", "/tk", "Team"));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await Eventually.TrueAsync(async () =>
            (await (await _agentA.Http.GetAsync("api/canned-replies/search?q=新的内容")).JsonAsync()).GetArrayLength() == 1,
            TimeSpan.FromSeconds(5), "edit visible to search");

        Assert.Equal(HttpStatusCode.NoContent, (await _supervisor.Http.DeleteAsync($"api/canned-replies/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _supervisor.Http.DeleteAsync($"api/canned-replies/{id}")).StatusCode);
        // The shortcut is free again once its reply is gone.
        Assert.Equal(HttpStatusCode.Created,
            (await _supervisor.Http.PostAsJsonAsync("api/canned-replies", Input("另一个", "内容", "/tk", "Team"))).StatusCode);
    }

    [Fact]
    public async Task RejectsATwentyThousandCharacterTextWithAFieldError()
    {
        var response = await _agentA.Http.PostAsJsonAsync("api/canned-replies", Input("很长", new string('长', 20_000)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.JsonAsync();
        var message = problem.GetProperty("errors").GetProperty("text")[0].GetString();
        Assert.Contains("2000", message);
        Assert.Contains("20000", message);
    }

    [Fact]
    public async Task ReportsEveryMissingFieldNextToItsName()
    {
        var response = await _agentA.Http.PostAsJsonAsync("api/canned-replies", new { title = " ", text = "", category = "", shortcut = "退款" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("text", out _));
        Assert.True(errors.TryGetProperty("category", out _));
        Assert.True(errors.TryGetProperty("shortcut", out _));
    }

    [Fact]
    public async Task RefusesADuplicateShortcutWithAConflictOnTheShortcutField()
    {
        Assert.Equal(HttpStatusCode.Created, (await _supervisor.Http.PostAsJsonAsync("api/canned-replies", Input("甲", "一", "/wl", "Team"))).StatusCode);

        var team = await _supervisor.Http.PostAsJsonAsync("api/canned-replies", Input("乙", "二", "/wl", "Team"));
        Assert.Equal(HttpStatusCode.Conflict, team.StatusCode);
        Assert.Contains("/wl", (await team.JsonAsync()).GetProperty("errors").GetProperty("shortcut")[0].GetString());

        // A personal phrase may not shadow a team shortcut either.
        Assert.Equal(HttpStatusCode.Conflict, (await _agentA.Http.PostAsJsonAsync("api/canned-replies", Input("丙", "三", "/wl"))).StatusCode);

        // Two agents may each have their own /my.
        Assert.Equal(HttpStatusCode.Created, (await _agentA.Http.PostAsJsonAsync("api/canned-replies", Input("丁", "四", "/my"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await _agentB.Http.PostAsJsonAsync("api/canned-replies", Input("戊", "五", "/my"))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _agentA.Http.PostAsJsonAsync("api/canned-replies", Input("己", "六", "/my"))).StatusCode);
    }

    [Fact]
    public async Task AnAgentCannotTouchTeamPhrasesOrAnotherAgentsPersonalOnes()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await _agentA.Http.PostAsJsonAsync("api/canned-replies", Input("团队", "x", scope: "Team"))).StatusCode);

        var team = (await (await _supervisor.Http.PostAsJsonAsync("api/canned-replies", Input("团队", "x", scope: "Team"))).JsonAsync()).GetProperty("id").GetString();
        var bobs = (await (await _agentB.Http.PostAsJsonAsync("api/canned-replies", Input("鲍勃的", "y"))).JsonAsync()).GetProperty("id").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await _agentA.Http.PutAsJsonAsync($"api/canned-replies/{team}", Input("改", "z", scope: "Team"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _agentA.Http.DeleteAsync($"api/canned-replies/{team}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _agentA.Http.PutAsJsonAsync($"api/canned-replies/{bobs}", Input("改", "z"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _agentA.Http.DeleteAsync($"api/canned-replies/{bobs}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await _agentA.Http.PutAsJsonAsync("api/canned-replies/order", new { ids = new[] { bobs } })).StatusCode);

        // Bob's phrase is invisible to Alice and unchanged.
        var aliceList = await (await _agentA.Http.GetAsync("api/canned-replies")).JsonAsync();
        Assert.DoesNotContain(aliceList.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == bobs);
        var bobList = await (await _agentB.Http.GetAsync("api/canned-replies")).JsonAsync();
        Assert.Contains(bobList.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetString() == bobs && i.GetProperty("title").GetString() == "鲍勃的");
    }

    [Fact]
    public async Task HtmlInAPhraseIsStoredAndReturnedAsPlainText()
    {
        const string html = "<script>alert(1)</script><b>粗体</b>";
        var created = await (await _agentA.Http.PostAsJsonAsync("api/canned-replies", Input(html, html))).JsonAsync();

        var list = await (await _agentA.Http.GetAsync("api/canned-replies")).JsonAsync();
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("id").GetString() == created.GetProperty("id").GetString());
        Assert.Equal(html, item.GetProperty("text").GetString());
        Assert.Equal(html, item.GetProperty("title").GetString());
    }

    [Fact]
    public async Task ReorderSetsTheOrderWithinACategory()
    {
        var ids = new List<string>();
        foreach (var t in new[] { "一", "二", "三" })
            ids.Add((await (await _agentA.Http.PostAsJsonAsync("api/canned-replies", Input(t, t, category: "安抚"))).JsonAsync()).GetProperty("id").GetString()!);

        var reordered = new[] { ids[2], ids[0], ids[1] };
        Assert.Equal(HttpStatusCode.NoContent, (await _agentA.Http.PutAsJsonAsync("api/canned-replies/order", new { ids = reordered })).StatusCode);

        await Eventually.TrueAsync(async () =>
        {
            var list = await (await _agentA.Http.GetAsync("api/canned-replies")).JsonAsync();
            var order = list.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("category").GetString() == "安抚")
                .Select(i => i.GetProperty("id").GetString()).ToList();
            return order.SequenceEqual(reordered);
        }, TimeSpan.FromSeconds(5), "new order listed");
    }

    [Fact]
    public async Task UsingAPhraseRaisesItInTheRanking()
    {
        var first = (await (await _agentA.Http.PostAsJsonAsync("api/canned-replies", Input("物流甲", "x"))).JsonAsync()).GetProperty("id").GetString();
        var second = (await (await _agentA.Http.PostAsJsonAsync("api/canned-replies", Input("物流乙", "y"))).JsonAsync()).GetProperty("id").GetString();
        for (var i = 0; i < 3; i++) (await _agentA.Http.PostAsync($"api/canned-replies/{second}/use", null)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () =>
        {
            var hits = await (await _agentA.Http.GetAsync("api/canned-replies/search?q=物流")).JsonAsync();
            return hits[0].GetProperty("id").GetString() == second && hits[0].GetProperty("usageCount").GetInt64() == 3;
        }, TimeSpan.FromSeconds(5), "most used first");
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task StateChangingCallsWithoutTheAntiforgeryHeaderAreRefused()
    {
        using var bare = _app.CreateClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
        (await bare.PostAsJsonAsync("api/auth/login", new { userName = "alice", password = "pass-alice" })).EnsureSuccessStatusCode();

        var response = await bare.PostAsJsonAsync("api/canned-replies", Input("x", "y"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await _app.CreateClient().GetAsync("api/canned-replies")).StatusCode);
    }

    [Fact]
    public async Task TheRoutesAreInTheOpenApiDocument()
    {
        var doc = await _agentA.Http.GetStringAsync("openapi/v1.json");
        foreach (var route in new[] { "/api/canned-replies", "/api/canned-replies/{id}", "/api/canned-replies/search", "/api/canned-replies/import",
                     "/api/canned-replies/export", "/api/phrase-check" })
            Assert.Contains($"\"{route}\"", doc);
    }
}
