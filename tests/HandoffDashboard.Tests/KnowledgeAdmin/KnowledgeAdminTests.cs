using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Bot.Routing;
using ChatSupport.HandoffDashboard.Tests.Complaints;

namespace ChatSupport.HandoffDashboard.Tests.KnowledgeAdmin;

/// <summary>The admin's knowledge tools, proxied to the real bot's admin API (both on real Kestrel).</summary>
public sealed class KnowledgeAdminTests
{
    private static Task<AfterSalesDashboard> StartAsync(RealBotAdmin bot) =>
        AfterSalesDashboard.StartAsync(null, $"--Bot:AdminBaseUrl={bot.BaseUrl}", $"--Bot:AdminApiKey={RealBotAdmin.Key}");

    [Fact]
    public async Task OnlyAdminsReachTheKnowledgeTools()
    {
        await using var bot = await RealBotAdmin.StartAsync();
        await using var d = await StartAsync(bot);
        var supervisor = await d.SupervisorAsync();
        var agent = await d.AgentAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("api/knowledge/files")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync("api/knowledge/files/returns/policy.md", new { content = "---\ntitle: x\n---\ny" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("api/knowledge/preview", new { content = "---\ntitle: x\n---\ny" })).StatusCode);
        Assert.StartsWith("---\ntitle: 怎么退货？", bot.File("returns/policy.md"));
    }

    [Fact]
    public async Task AnAdminListsReadsAndSavesAFileThroughTheBotAndNeverSeesTheKey()
    {
        await using var bot = await RealBotAdmin.StartAsync();
        await using var d = await StartAsync(bot);
        var admin = await d.AdminAsync();

        var listText = await admin.GetStringAsync("api/knowledge/files");
        var list = JsonSerializer.Deserialize<JsonElement>(listText);
        Assert.Equal(["returns/policy.md", "shipping/courier.md"], list.EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        Assert.Equal("shipping/courier", list[1].GetProperty("id").GetString());
        var fileText = await admin.GetStringAsync("api/knowledge/files/shipping/courier.md");
        Assert.Contains("默认发哪家快递", fileText);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/knowledge/files/none/such.md")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("api/knowledge/files/..%2F..%2Fetc%2Fpasswd")).StatusCode);

        var saved = await admin.PutAsJsonAsync("api/knowledge/files/returns/policy.md", new { content = "---\ntitle: 怎么退货？\n---\n七天无理由退货，运费由买家承担。\n" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("运费由买家承担", bot.File("returns/policy.md"));

        Assert.DoesNotContain(RealBotAdmin.Key, listText + fileText + await saved.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnEditThatMakesAFileInvalidIsRefusedWithTheBotsReasonAndNothingIsWritten()
    {
        await using var bot = await RealBotAdmin.StartAsync();
        await using var d = await StartAsync(bot);
        var admin = await d.AdminAsync();
        var before = bot.File("returns/policy.md");

        var refused = await admin.PutAsJsonAsync("api/knowledge/files/returns/policy.md", new { content = "---\nquestions: []\n---\n\n" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = JsonSerializer.Deserialize<JsonElement>(await refused.Content.ReadAsStringAsync());
        var error = Assert.Single(body.GetProperty("errors").EnumerateArray());
        Assert.Contains("title", error.GetProperty("reason").GetString());
        Assert.Equal(2, error.GetProperty("line").GetInt32());
        Assert.Equal(before, bot.File("returns/policy.md"));
    }

    [Fact]
    public async Task AnUnansweredQuestionBecomesAnAlternateQuestionAndTheBotThenAnswersIt()
    {
        await using var bot = await RealBotAdmin.StartAsync();
        await using var d = await StartAsync(bot);
        var admin = await d.AdminAsync();
        const string question = "你们有没有实体店可以去看看";
        Assert.NotEqual(Route.Answer, (await bot.AskAsync(question)).Route);

        var unanswered = JsonSerializer.Deserialize<JsonElement>(await admin.GetStringAsync("api/knowledge/unanswered"));
        var first = Assert.Single(unanswered.EnumerateArray());
        Assert.Equal(question, first.GetProperty("text").GetString());
        Assert.Equal(1, first.GetProperty("count").GetInt64());
        var before = JsonSerializer.Deserialize<JsonElement>(await (await admin.PostAsJsonAsync("api/knowledge/test", new { text = question })).Content.ReadAsStringAsync());
        Assert.NotEqual("answer", before.GetProperty("route").GetString());

        var added = await admin.PostAsJsonAsync("api/knowledge/alternate-questions", new { faqId = "returns/policy", question });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains(question, bot.File("returns/policy.md"));
        var after = JsonSerializer.Deserialize<JsonElement>(await (await admin.PostAsJsonAsync("api/knowledge/test", new { text = question })).Content.ReadAsStringAsync());
        Assert.Equal("answer", after.GetProperty("route").GetString());
        Assert.Equal("returns/policy", after.GetProperty("faqId").GetString());
        Assert.Empty(JsonSerializer.Deserialize<JsonElement>(await admin.GetStringAsync("api/knowledge/unanswered")).EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("api/knowledge/alternate-questions", new { faqId = "returns/policy", question = " " })).StatusCode);
        var missing = await admin.PostAsJsonAsync("api/knowledge/alternate-questions", new { faqId = "nope", question = "问" });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("nope", await missing.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ThePreviewIsTheBotsParserEscapingHtmlAndKeepingOnlyWebLinks()
    {
        await using var bot = await RealBotAdmin.StartAsync();
        await using var d = await StartAsync(bot);
        var admin = await d.AdminAsync();
        async Task<JsonElement> PreviewAsync(string content) =>
            JsonSerializer.Deserialize<JsonElement>(await (await admin.PostAsJsonAsync("api/knowledge/preview", new { content })).Content.ReadAsStringAsync());

        var preview = await PreviewAsync(
            "---\ntitle: \"退货<img src=x onerror=alert(1)>\"\nquestions:\n  - 怎么退\n---\n# 标题 <script>alert(1)</script>\n\n- **七天**无理由\n- 见 [说明](https://shop.example/returns) 和 [坏链接](javascript:alert(1))\n\n<iframe src=\"x\"></iframe>\n");

        Assert.Equal("退货<img src=x onerror=alert(1)>", preview.GetProperty("title").GetString());
        Assert.Equal(["怎么退"], preview.GetProperty("questions").EnumerateArray().Select(q => q.GetString()));
        Assert.Empty(preview.GetProperty("problems").EnumerateArray());
        var html = preview.GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<iframe", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("<h1", html);
        Assert.Contains("<li><strong>七天</strong>无理由</li>", html);
        Assert.Matches("<a href=\"https://shop.example/returns\"[^>]*rel=\"noopener noreferrer nofollow\"[^>]*>说明</a>", html);
        Assert.Contains("坏链接", html);

        var untitled = await PreviewAsync("---\ncategory: x\n---\n答案");
        Assert.Contains("title", Assert.Single(untitled.GetProperty("problems").EnumerateArray()).GetString());
        Assert.Contains("答案为空", Assert.Single((await PreviewAsync("---\ntitle: x\n---\n  \n")).GetProperty("problems").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task WithTheBotDownTheToolsAnswer502AndWithoutConfiguration503()
    {
        var bot = await RealBotAdmin.StartAsync();
        await using (var d = await StartAsync(bot))
        {
            await bot.DisposeAsync();
            var admin = await d.AdminAsync();
            var down = await admin.GetAsync("api/knowledge/files");
            Assert.Equal(HttpStatusCode.BadGateway, down.StatusCode);
            Assert.Contains("暂时不可用", await down.Content.ReadAsStringAsync());
        }
        await using var unconfigured = await AfterSalesDashboard.StartAsync();
        var admin2 = await unconfigured.AdminAsync();
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin2.GetAsync("api/knowledge/files")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await admin2.PostAsJsonAsync("api/knowledge/preview", new { content = "---\ntitle: x\n---\ny" })).StatusCode);
    }
}
