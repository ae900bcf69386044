using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.HandoffDashboard.KnowledgeAdmin;
using ChatSupport.HandoffDashboard.Tests.Complaints;

namespace ChatSupport.HandoffDashboard.Tests.KnowledgeAdmin;

/// <summary>The admin's knowledge tools, proxied to a stand-in of the bot's admin API on real Kestrel.</summary>
public sealed class KnowledgeAdminTests
{
    private static Task<AfterSalesDashboard> StartAsync(BotAdminStandIn bot) =>
        AfterSalesDashboard.StartAsync(null, $"--Bot:AdminBaseUrl={bot.BaseUrl}", $"--Bot:AdminApiKey={BotAdminStandIn.Key}");

    [Fact]
    public async Task OnlyAdminsReachTheKnowledgeTools()
    {
        await using var bot = await BotAdminStandIn.StartAsync();
        await using var d = await StartAsync(bot);
        var supervisor = await d.SupervisorAsync();
        var agent = await d.AgentAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("api/knowledge/files")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync("api/knowledge/files/returns/policy.md", new { content = "---\ntitle: x\n---\ny" })).StatusCode);
        Assert.Empty(bot.ReceivedKeys);
        Assert.StartsWith("---\ntitle: 怎么退货？", bot.Files["returns/policy.md"]);
    }

    [Fact]
    public async Task AnAdminListsReadsAndSavesAFileThroughTheBotAndNeverSeesTheKey()
    {
        await using var bot = await BotAdminStandIn.StartAsync();
        await using var d = await StartAsync(bot);
        var admin = await d.AdminAsync();

        var listText = await admin.GetStringAsync("api/knowledge/files");
        var list = JsonSerializer.Deserialize<JsonElement>(listText);
        Assert.Equal(["returns/policy.md", "shipping/courier.md"], list.EnumerateArray().Select(f => f.GetProperty("path").GetString()));
        var fileText = await admin.GetStringAsync("api/knowledge/files/shipping/courier.md");
        Assert.Contains("默认发哪家快递", fileText);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("api/knowledge/files/none/such.md")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("api/knowledge/files/..%2F..%2Fetc%2Fpasswd")).StatusCode);

        var saved = await admin.PutAsJsonAsync("api/knowledge/files/returns/policy.md", new { content = "---\ntitle: 怎么退货？\n---\n七天无理由退货，运费由买家承担。\n" });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("运费由买家承担", bot.Files["returns/policy.md"]);

        Assert.All(bot.ReceivedKeys, k => Assert.Equal(BotAdminStandIn.Key, k));
        Assert.DoesNotContain(BotAdminStandIn.Key, listText + fileText + await saved.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnEditThatMakesAFileInvalidIsRefusedWithTheReasonAndNothingIsWritten()
    {
        await using var bot = await BotAdminStandIn.StartAsync();
        await using var d = await StartAsync(bot);
        var admin = await d.AdminAsync();
        var before = bot.Files["returns/policy.md"];

        var refused = await admin.PutAsJsonAsync("api/knowledge/files/returns/policy.md", new { content = "---\nquestions: []\n---\n\n" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = JsonSerializer.Deserialize<JsonElement>(await refused.Content.ReadAsStringAsync());
        var reasons = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("reason").GetString()).ToList();
        Assert.Contains("缺少 title", reasons);
        Assert.Contains("答案为空", reasons);
        Assert.Equal(before, bot.Files["returns/policy.md"]);
    }

    [Fact]
    public async Task AnUnansweredQuestionBecomesAnAlternateQuestionAndTheBotThenAnswersIt()
    {
        await using var bot = await BotAdminStandIn.StartAsync();
        await using var d = await StartAsync(bot);
        var admin = await d.AdminAsync();
        var unanswered = JsonSerializer.Deserialize<JsonElement>(await admin.GetStringAsync("api/knowledge/unanswered"));
        var first = unanswered.EnumerateArray().First();
        Assert.Equal("能发顺丰吗", first.GetProperty("text").GetString());
        var faqId = first.GetProperty("candidates")[0].GetProperty("faqId").GetString();
        var before = JsonSerializer.Deserialize<JsonElement>(await (await admin.PostAsJsonAsync("api/knowledge/test", new { text = "能发顺丰吗" })).Content.ReadAsStringAsync());
        Assert.Equal("fallback", before.GetProperty("route").GetString());

        var added = await admin.PostAsJsonAsync("api/knowledge/alternate-questions", new { faqId, question = "能发顺丰吗" });

        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var after = JsonSerializer.Deserialize<JsonElement>(await (await admin.PostAsJsonAsync("api/knowledge/test", new { text = "能发顺丰吗" })).Content.ReadAsStringAsync());
        Assert.Equal("answer", after.GetProperty("route").GetString());
        Assert.Equal("shipping/courier", after.GetProperty("faqId").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("api/knowledge/alternate-questions", new { faqId, question = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync("api/knowledge/alternate-questions", new { faqId = "nope", question = "问" })).StatusCode);
    }

    [Fact]
    public async Task WithTheBotDownTheToolsAnswer502AndWithoutConfiguration503()
    {
        var bot = await BotAdminStandIn.StartAsync();
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
    }

    [Fact]
    public void ThePreviewEscapesHtmlAndKeepsOnlyWebLinks()
    {
        var preview = MarkdownPreview.Render(
            "---\ntitle: \"退货<img src=x onerror=alert(1)>\"\nquestions:\n  - 怎么退\n---\n# 标题 <script>alert(1)</script>\n\n- **七天**无理由\n- 见 [说明](https://shop.example/returns) 和 [坏链接](javascript:alert(1))\n\n<iframe src=\"x\"></iframe>\n");

        Assert.Equal("退货<img src=x onerror=alert(1)>", preview.Title);
        Assert.Equal(["怎么退"], preview.Questions);
        Assert.Empty(preview.Problems);
        Assert.DoesNotContain("<script", preview.Html);
        Assert.DoesNotContain("<iframe", preview.Html);
        Assert.DoesNotContain("javascript:", preview.Html);
        Assert.Contains("&lt;script&gt;", preview.Html);
        Assert.Contains("<h1>", preview.Html);
        Assert.Contains("<li><strong>七天</strong>无理由</li>", preview.Html);
        Assert.Contains("<a href=\"https://shop.example/returns\" rel=\"noopener noreferrer nofollow\" target=\"_blank\">说明</a>", preview.Html);
        Assert.Contains("坏链接", preview.Html);

        Assert.Contains("缺少 title（标准问题）。", MarkdownPreview.Render("---\n---\n答案").Problems);
        Assert.Contains("答案不能为空。", MarkdownPreview.Render("---\ntitle: x\n---\n  \n").Problems);
    }
}
