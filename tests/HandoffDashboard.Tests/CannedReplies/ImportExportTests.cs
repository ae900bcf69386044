using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ChatSupport.HandoffDashboard.CannedReplies;
using ChatSupport.TestSupport;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Tests.CannedReplies;

public sealed class ImportExportTests : IAsyncLifetime
{
    private RedisServer _redis = null!;
    private RunningApp _app = null!;
    private DashboardSession _supervisor = null!;
    private DashboardSession _agent = null!;

    public async Task InitializeAsync()
    {
        _redis = RedisServer.Start();
        _app = await CannedReplyHost.StartAsync(_redis, "--CannedReplies:SeedDefaults=false");
        _supervisor = await DashboardSession.SignInAsync(_app, "lead", "supervisor");
        _agent = await DashboardSession.SignInAsync(_app, "alice", "agent");
    }

    public async Task DisposeAsync()
    {
        _supervisor.Dispose();
        _agent.Dispose();
        await _app.DisposeAsync();
        _redis.Dispose();
    }

    private static HttpContent Body(string text, string mediaType) => new ByteArrayContent(Encoding.UTF8.GetBytes(text))
    {
        Headers = { ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType) },
    };

    private long StoredCount()
    {
        using var redis = _redis.Connect();
        return redis.GetDatabase().HashLength(CannedReplyKeys.Items);
    }

    [Fact]
    public async Task JsonImportThenCsvExportThenCsvImportIntoAnotherStoreRoundTrips()
    {
        var items = new object[]
        {
            new { scope = "Team", kind = "Reply", category = "退换货", title = "退款流程", shortcut = "/tk", text = "{客户称呼}，退款请在订单{订单号}页面申请。" },
            new { scope = "Team", kind = "Phrase", category = "安抚", title = "公式注入", shortcut = (string?)null, text = "=HYPERLINK(\"http://evil\")" },
            new { scope = "Personal", kind = "Phrase", category = "结束语", title = "多行,带逗号", shortcut = "/bye", text = "再见\n\"欢迎\"再来" },
        };
        var imported = await _supervisor.Http.PostAsync("api/canned-replies/import?format=json", Body(JsonSerializer.Serialize(items), "application/json"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(3, (await imported.JsonAsync()).GetProperty("created").GetInt32());

        await Eventually.TrueAsync(async () =>
            (await (await _supervisor.Http.GetAsync("api/canned-replies")).JsonAsync()).GetProperty("items").GetArrayLength() == 3,
            TimeSpan.FromSeconds(5), "imported items listed");
        var csvResponse = await _supervisor.Http.GetAsync("api/canned-replies/export?format=csv");
        Assert.Equal("text/csv", csvResponse.Content.Headers.ContentType?.MediaType);
        var csv = await csvResponse.Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", csv);
        Assert.DoesNotContain(",\"=HYPERLINK", csv);

        // Into a second, empty store: everything arrives unchanged (the apostrophe is removed again).
        using var otherRedis = RedisServer.Start();
        await using var other = await CannedReplyHost.StartAsync(otherRedis, "--CannedReplies:SeedDefaults=false");
        using var otherLead = await DashboardSession.SignInAsync(other, "lead", "supervisor");
        var again = await otherLead.Http.PostAsync("api/canned-replies/import?format=csv", Body(csv, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);

        var exportA = await (await _supervisor.Http.GetAsync("api/canned-replies/export?format=json")).JsonAsync();
        await Eventually.TrueAsync(async () =>
            (await (await otherLead.Http.GetAsync("api/canned-replies")).JsonAsync()).GetProperty("items").GetArrayLength() == 3,
            TimeSpan.FromSeconds(5), "round-tripped items listed");
        var exportB = await (await otherLead.Http.GetAsync("api/canned-replies/export?format=json")).JsonAsync();
        static string Key(JsonElement e) => string.Join("|", new[] { "id", "scope", "kind", "category", "title", "shortcut", "text" }
            .Select(p => e.GetProperty(p).ValueKind == JsonValueKind.Null ? "" : e.GetProperty(p).GetString()));
        Assert.Equal(exportA.GetProperty("items").EnumerateArray().Select(Key).Order(),
            exportB.GetProperty("items").EnumerateArray().Select(Key).Order());

        // Importing the same export again updates in place instead of duplicating.
        var twice = await (await _supervisor.Http.PostAsync("api/canned-replies/import?format=csv", Body(csv, "text/csv"))).JsonAsync();
        Assert.Equal(0, twice.GetProperty("created").GetInt32());
        Assert.Equal(3, twice.GetProperty("updated").GetInt32());
        Assert.Equal(3, StoredCount());
    }

    [Fact]
    public async Task AGbkEncodedCsvIsRefusedWithAClearErrorAndNothingIsImported()
    {
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var gbk = Encoding.GetEncoding("GB18030").GetBytes("category,title,text\r\n售后,退款流程,请在订单页申请退款\r\n");
        var content = new ByteArrayContent(gbk) { Headers = { ContentType = new("text/csv") } };

        var response = await _supervisor.Http.PostAsync("api/canned-replies/import?format=csv", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("UTF-8", (await response.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString());
        Assert.Equal(0, StoredCount());
    }

    [Fact]
    public async Task ACsvWithWrongColumnsIsRefusedNamingTheColumns()
    {
        var response = await _supervisor.Http.PostAsync("api/canned-replies/import?format=csv",
            Body("名称,内容\r\n退款,请申请\r\n", "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await response.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString()!;
        Assert.Contains("category", message);
        Assert.Contains("名称", message);
        Assert.Equal(0, StoredCount());
    }

    [Fact]
    public async Task OneBadRowMeansNothingIsImportedAndTheRowIsNamed()
    {
        var csv = "category,title,shortcut,text\r\n售后,好的一条,/a1,内容\r\n售后,太长的一条,/a2," + new string('长', 3000) + "\r\n售后,重复,/a1,内容\r\n";

        var response = await _supervisor.Http.PostAsync("api/canned-replies/import?format=csv", Body(csv, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("items[2].text", out _));
        Assert.True(errors.TryGetProperty("items[3].shortcut", out _));
        Assert.Equal(0, StoredCount());
    }

    [Fact]
    public async Task AClashWithAnExistingShortcutRollsBackTheWholeImport()
    {
        (await _supervisor.Http.PostAsJsonAsync("api/canned-replies",
            new { title = "已有", text = "x", category = "售后", shortcut = "/taken", scope = "Team" })).EnsureSuccessStatusCode();
        var csv = "scope,category,title,shortcut,text\r\nTeam,售后,新一,/new1,内容\r\nTeam,售后,新二,/taken,内容\r\n";

        var response = await _supervisor.Http.PostAsync("api/canned-replies/import?format=csv", Body(csv, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("items[2].shortcut", out _));
        Assert.Equal(1, StoredCount());
    }

    [Fact]
    public async Task AnAgentCannotImportTeamPhrases()
    {
        var response = await _agent.Http.PostAsync("api/canned-replies/import?format=json",
            Body("""[{"scope":"Team","category":"售后","title":"团队","text":"x"}]""", "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("items[1].scope", out _));
        Assert.Equal(0, StoredCount());
    }

    [Fact]
    public async Task BrokenJsonIsAClearError()
    {
        var response = await _agent.Http.PostAsync("api/canned-replies/import?format=json", Body("{\"items\": [", "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("JSON", (await response.JsonAsync()).GetProperty("errors").GetProperty("file")[0].GetString());
    }
}
