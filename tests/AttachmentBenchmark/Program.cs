using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChatSupport.Bot;
using ChatSupport.HandoffDashboard;
using ChatSupport.TestSupport;
using ImageMagick;

// Usage: dotnet run --project tests/AttachmentBenchmark -c Release -- [--concurrent 20] [--rounds 3] [--megabytes 3]
// Each round: `concurrent` shoppers, each already with the agent, upload one photo at the same moment; the time is from the
// start of the upload to the photo's line (with its signed thumbnail URL) in GET /api/conversations/{id}/transcript.
int Arg(string name, int fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
var concurrent = Arg("--concurrent", 20);
var rounds = Arg("--rounds", 3);
var megabytes = Arg("--megabytes", 3);

const string Secret = "bench-directline-secret-0123456789";
const string AdminKey = "bench-admin-key";
const string AttachmentKey = "bench-attachment-key";
var folder = Path.Combine(Path.GetTempPath(), "cs-bench-files-" + Guid.NewGuid().ToString("N"));
using var redis = RedisServer.Start();
var alwaysOpen = Enum.GetNames<DayOfWeek>().Select(d => $"--Handoff:BusinessHours:{d}=00:00-00:00");
await using var bot = await RunningApp.StartAsync(a => BotApplication.Build(a),
[
    $"--ConnectionStrings:Redis={redis.ConnectionString}", $"--DirectLine:Secret={Secret}", $"--Admin:ApiKey={AdminKey}",
    $"--Knowledge:Path={RepositoryPaths.Knowledge}", "--Logging:LogLevel:Default=Warning", $"--Attachments:SigningKey={AttachmentKey}",
    $"--Attachments:Folder={folder}", "--DirectLine:PostsPerSecondPerConversation=100", .. alwaysOpen,
]);
await using var dashboard = await RunningApp.StartAsync(a => DashboardApplication.Build(a),
[
    $"--ConnectionStrings:Redis={redis.ConnectionString}", "--Dashboard:BootstrapAdmin:UserName=admin", "--Dashboard:BootstrapAdmin:Password=admin-pass-123",
    $"--Bot:AdminBaseUrl={bot.BaseAddress}", $"--Bot:AdminApiKey={AdminKey}", "--Logging:LogLevel:Default=Warning",
    $"--Attachments:SigningKey={AttachmentKey}", $"--Attachments:BotPublicUrl={bot.BaseAddress}", "--CannedReplies:AcceptGreeting:Enabled=false",
]);

async Task<HttpClient> SignInAsync(string user, string password)
{
    var http = dashboard.CreateClient(new HttpClientHandler { CookieContainer = new CookieContainer() });
    (await http.PostAsJsonAsync("api/auth/login", new { userName = user, password })).EnsureSuccessStatusCode();
    var antiforgery = await http.GetFromJsonAsync<JsonElement>("api/auth/antiforgery");
    http.DefaultRequestHeaders.Add("X-CSRF-TOKEN", antiforgery.GetProperty("token").GetString());
    return http;
}

var admin = await SignInAsync("admin", "admin-pass-123");
(await admin.PostAsJsonAsync("api/agents", new
{
    userName = "bench", displayName = "小测", password = "bench-pass-123", roles = new[] { "agent" },
    skills = new[] { "after-sales", "general", "complaints" }, maxConcurrentChats = 50, employeeNumber = "B001",
})).EnsureSuccessStatusCode();
var agent = await SignInAsync("bench", "bench-pass-123");
(await agent.PutAsJsonAsync("api/agents/me/status", new { status = "online" })).EnsureSuccessStatusCode();

// A photo-like JPEG (noise does not compress) of about the asked size.
byte[] photo;
{
    var side = (uint)Math.Sqrt(megabytes * 1024.0 * 1024 / 1.0);
    using var image = new MagickImage("plasma:", side, side);
    image.AddNoise(NoiseType.Gaussian);
    image.Quality = 92;
    photo = image.ToByteArray(MagickFormat.Jpeg);
}
Console.WriteLine($"photo {photo.Length / 1024.0 / 1024:F2} MB, {concurrent} concurrent uploads x {rounds} rounds");

var shoppers = new List<DirectLineTestClient>();
for (var i = 0; i < concurrent; i++)
{
    var shopper = new DirectLineTestClient(bot.BaseAddress);
    await shopper.StartAsync(Secret);
    await shopper.ConnectStreamAsync();
    await shopper.PostMessageAsync("转人工");
    shoppers.Add(shopper);
}
foreach (var shopper in shoppers) await shopper.NextAsync(a => a["text"]?.GetValue<string>()?.Contains("小测") == true, TimeSpan.FromSeconds(60));
Console.WriteLine("all shoppers are with the agent");

async Task<double> OneAsync(DirectLineTestClient shopper, int round)
{
    var path = $"api/conversations/{Uri.EscapeDataString(shopper.ConversationId)}/transcript";
    var clock = Stopwatch.StartNew();
    var response = await shopper.UploadAsync([($"round{round}.jpg", "image/jpeg", photo)]);
    if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"upload answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    while (true)
    {
        var transcript = await agent.GetFromJsonAsync<JsonElement>(path);
        var seen = transcript.GetProperty("entries").EnumerateArray().Any(e =>
            e.TryGetProperty("attachments", out var files) && files.ValueKind == JsonValueKind.Array
            && files.EnumerateArray().Any(f => f.GetProperty("name").GetString() == $"round{round}.jpg" && f.TryGetProperty("thumbnailUrl", out _)));
        if (seen) return clock.Elapsed.TotalMilliseconds;
        await Task.Delay(10);
    }
}

var all = new List<double>();
for (var round = 1; round <= rounds; round++)
{
    var times = await Task.WhenAll(shoppers.Select(s => OneAsync(s, round)));
    all.AddRange(times);
    Array.Sort(times);
    Console.WriteLine($"round {round}: p50 {times[times.Length / 2]:F0} ms, max {times[^1]:F0} ms");
}
all.Sort();
double Percentile(double p) => all[Math.Min(all.Count - 1, (int)Math.Ceiling(p * all.Count) - 1)];
Console.WriteLine($"upload → agent transcript, {all.Count} uploads of {photo.Length / 1024.0 / 1024:F2} MB, {concurrent} at once: " +
                  $"p50 {Percentile(0.50):F0} ms, p99 {Percentile(0.99):F0} ms, max {all[^1]:F0} ms");
foreach (var shopper in shoppers) await shopper.DisposeAsync();
try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
return 0;
