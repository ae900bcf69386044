using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Routing.Unanswered;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Knowledge;

public sealed class KnowledgeAdminEndpointsTests
{
    private const string Key = "test-admin-key";

    private static async Task<RunningApp> StartBotAsync(RedisServer redis, KnowledgeFolder kb, string? adminKey = Key) =>
        await RunningApp.StartAsync(args => BotApplication.Build(args),
            $"--ConnectionStrings:Redis={redis.ConnectionString}", $"--Knowledge:Path={kb.Path}",
            $"--Admin:ApiKey={adminKey ?? ""}");

    private static HttpClient Admin(RunningApp bot)
    {
        var http = bot.CreateClient();
        http.DefaultRequestHeaders.Add("X-Admin-Key", Key);
        return http;
    }

    [Fact]
    public async Task RefusesWithoutTheRightKeyAndWhenNoKeyIsConfigured()
    {
        using var redis = RedisServer.Start();
        using var kb = new KnowledgeFolder();
        await using (var bot = await StartBotAsync(redis, kb))
        {
            using var anonymous = bot.CreateClient();
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("admin/knowledge/status")).StatusCode);
            anonymous.DefaultRequestHeaders.Add("X-Admin-Key", "wrong");
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("admin/knowledge/files")).StatusCode);
        }
        await using (var bot = await StartBotAsync(redis, kb, adminKey: null))
        {
            using var http = Admin(bot);
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("admin/knowledge/status")).StatusCode);
        }
    }

    [Fact]
    public async Task StatusReportsCountsAndFileErrors()
    {
        using var redis = RedisServer.Start();
        using var kb = new KnowledgeFolder();
        kb.Write("broken.md", "---\ntitle: 标题\n---\n");
        await using var bot = await StartBotAsync(redis, kb);
        using var http = Admin(bot);
        var status = await http.GetFromJsonAsync<JsonElement>("admin/knowledge/status");
        Assert.Equal(6, status.GetProperty("faqCount").GetInt32());
        var error = Assert.Single(status.GetProperty("errors").EnumerateArray());
        Assert.Equal("broken.md", error.GetProperty("file").GetString());
        Assert.Equal(4, error.GetProperty("line").GetInt32());
        // The admin reads the reason in Chinese; the log's English reason comes along as the detail.
        Assert.Contains("答案为空", error.GetProperty("reason").GetString());
        Assert.Contains("empty", error.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TestAQuestionReturnsTheDecisionAndTopCandidatesWithEvidence()
    {
        using var redis = RedisServer.Start();
        using var kb = new KnowledgeFolder();
        await using var bot = await StartBotAsync(redis, kb);
        using var http = Admin(bot);
        var response = await http.PostAsJsonAsync("admin/knowledge/test", new { text = "紫砂壶能装多少水" });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("answer", body.GetProperty("decision").GetProperty("route").GetString());
        Assert.Equal("product/teapot-capacity", body.GetProperty("decision").GetProperty("faqId").GetString());
        var candidates = body.GetProperty("candidates").EnumerateArray().ToList();
        Assert.InRange(candidates.Count, 2, 5);
        Assert.Equal("product/teapot-capacity", candidates[0].GetProperty("faqId").GetString());
        Assert.True(candidates[0].GetProperty("score").GetDouble() >= candidates[1].GetProperty("score").GetDouble());
        Assert.NotEmpty(candidates[0].GetProperty("evidence").EnumerateArray());
    }

    [Fact]
    public async Task PutValidatesFirstWritesAtomicallyAndServesTheNewFile()
    {
        using var redis = RedisServer.Start();
        using var kb = new KnowledgeFolder();
        await using var bot = await StartBotAsync(redis, kb);
        using var http = Admin(bot);

        var invalid = await http.PutAsJsonAsync("admin/knowledge/files/product/gift.md", new { content = "---\ntitle: 礼盒\n---\n" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("答案为空", await invalid.Content.ReadAsStringAsync());
        Assert.False(File.Exists(Path.Combine(kb.Path, "product", "gift.md")));

        var duplicate = await http.PutAsJsonAsync("admin/knowledge/files/other.md",
            new { content = "---\nid: shipping/courier\ntitle: 重复\n---\n答案" });
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("已被", await duplicate.Content.ReadAsStringAsync());

        var escape = await http.PutAsJsonAsync("admin/knowledge/files/..%2F..%2Fevil.md", new { content = KnowledgeFolder.Faq("t", [], [], "a") });
        Assert.Equal(HttpStatusCode.BadRequest, escape.StatusCode);

        var ok = await http.PutAsJsonAsync("admin/knowledge/files/product/gift.md",
            new { content = KnowledgeFolder.Faq("有礼盒包装吗？", ["可以送礼吗"], ["礼盒"], "礼盒 10 元一个。") });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.True(File.Exists(Path.Combine(kb.Path, "product", "gift.md")));
        Assert.Empty(Directory.GetFiles(Path.Combine(kb.Path, "product"), "*.tmp", SearchOption.AllDirectories));
        var decision = bot.Service<IMessageRouter>().Route("有礼盒包装吗", RoutingContext.FirstMessage);
        Assert.Equal("product/gift", decision.FaqId);

        var files = await http.GetFromJsonAsync<JsonElement>("admin/knowledge/files");
        Assert.Contains(files.EnumerateArray(), f => f.GetProperty("path").GetString() == "product/gift.md");
        var file = await http.GetFromJsonAsync<JsonElement>("admin/knowledge/files/product/gift.md");
        Assert.Contains("礼盒 10 元一个", file.GetProperty("content").GetString());
    }

    [Fact]
    public async Task AddingAnAlternateQuestionMakesItAnswerable()
    {
        using var redis = RedisServer.Start();
        using var kb = new KnowledgeFolder();
        await using var bot = await StartBotAsync(redis, kb);
        using var http = Admin(bot);
        var router = bot.Service<IMessageRouter>();
        const string question = "掌柜的壶子泡几杯";
        var before = router.Route(question, RoutingContext.FirstMessage);
        Assert.NotEqual("product/teapot-capacity", before.FaqId);
        await bot.Service<IUnansweredQuestionLog>().RecordAsync(question, before, CancellationToken.None);
        Assert.Single((await http.GetFromJsonAsync<JsonElement>("admin/knowledge/unanswered")).EnumerateArray());

        var response = await http.PostAsJsonAsync("admin/knowledge/faqs/product/teapot-capacity/questions", new { question });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // Answerable now, so it leaves the admins' list of unanswered questions.
        Assert.Empty((await http.GetFromJsonAsync<JsonElement>("admin/knowledge/unanswered")).EnumerateArray());
        Assert.Contains(question, File.ReadAllText(Path.Combine(kb.Path, "product", "teapot-capacity.md")));
        Assert.Contains("紫砂茶壶容量 300 毫升", File.ReadAllText(Path.Combine(kb.Path, "product", "teapot-capacity.md")));
        Assert.Equal("product/teapot-capacity", router.Route(question, RoutingContext.FirstMessage).FaqId);

        var missing = await http.PostAsJsonAsync("admin/knowledge/faqs/nope/questions", new { question });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task UnansweredQuestionsAreRecordedInRedisAndListed()
    {
        using var redis = RedisServer.Start();
        using var kb = new KnowledgeFolder();
        await using var bot = await StartBotAsync(redis, kb);
        var router = bot.Service<IMessageRouter>();
        var log = bot.Service<IUnansweredQuestionLog>();
        foreach (var text in new[] { "今天股市怎么样", "今天股市怎么样！", "发什么快递" })
            await log.RecordAsync(text, router.Route(text, RoutingContext.FirstMessage), CancellationToken.None);

        using var http = Admin(bot);
        var list = await http.GetFromJsonAsync<JsonElement>("admin/knowledge/unanswered");
        var entry = Assert.Single(list.EnumerateArray()); // the answered question is not logged; the two fallbacks fold together
        Assert.Equal(2, entry.GetProperty("count").GetInt64());
        Assert.Equal("fallback", entry.GetProperty("lastRoute").GetString());
    }
}
