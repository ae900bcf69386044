using ChatSupport.Bot.Protocol;
using ChatSupport.Bot.Redis.Migration;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;
using StackExchange.Redis;

namespace ChatSupport.Bot.Tests.Redis;

/// <summary>
/// `migrate-keys` on a real redis-server seeded as a store before hash tags looked. The old names are written out
/// here as the old code wrote them (git show 3df7791^1), not built from <see cref="PreClusterKeyLayout"/>, so a wrong
/// rule fails the test; the new names come from the contract's Keys classes the services use. This is the one file
/// outside the contract that holds key literals (KeyCatalogueTests names it and says why).
/// </summary>
public sealed class KeyMigrationTests
{
    private static readonly DateOnly Day = new(2026, 11, 30);

    /// <summary>Old name → the current name it must end up under.</summary>
    private static readonly (string Old, string New)[] Layout =
    [
        ("chatsupport:conversation:c-1", ConversationKeys.Record("c-1")),
        ("chatsupport:conversation:c-1:transcript", ConversationKeys.Transcript("c-1")),
        ("chatsupport:conversation:emulator:c-2", ConversationKeys.Record("emulator:c-2")),
        ("chatsupport:handoff:queue", QueueKeys.Queue),
        ("chatsupport:customer:shopper-7:conversations", CustomerKeys.Conversations("shopper-7")),
        ("chatsupport:customer:{customer:shopper-7}:profile", CustomerKeys.Profile("shopper-7")),
        ("chatsupport:stream:to-dashboard", StreamKeys.ToDashboard),
        ("chatsupport:agents:online", AgentKeys.Online),
        ("chatsupport:stats:bot:20261130", StatsKeys.BotDaily(Day)),
        ("chatsupport:dl:conversation:c-1", DirectLineKeys.Conversation("c-1")),
        ("chatsupport:dl:conversation:c-1:activities", DirectLineKeys.Activities("c-1")),
        ("chatsupport:dl:conversation:c-1:watermark", DirectLineKeys.Watermark("c-1")),
        ("chatsupport:bot:conversation-reference:c-1", BotStateKeys.ConversationReference("c-1")),
        ("chatsupport:bot:state:directline:conversation:c-1", BotStateKeys.ConversationState("c-1")),
        ("chatsupport:bot:state:emulator:conversation:c-2", BotStateKeys.ConversationState(ConversationKey.For("emulator", "c-2"))),
        ("chatsupport:bot:state:directline:user:dl_u1", BotStateKeys.UserState("directline", "dl_u1")),
        ("chatsupport:bot:retry:relay:items:c-1", RetryQueueKeys.Relay.Items("c-1")),
        ("chatsupport:knowledge:unanswered", KnowledgeKeys.UnansweredIndex),
        ("chatsupport:knowledge:unanswered:e1", KnowledgeKeys.UnansweredEntry("e1")),
        ("chatsupport:complaints:CP-1", ComplaintKeys.Complaint("CP-1")),
        ("chatsupport:complaints:CP-1:history", ComplaintKeys.History("CP-1")),
        ("chatsupport:complaints:stats:20261130", ComplaintKeys.DailyClassification(Day)),
        ("chatsupport:follow-ups:FU-1", FollowUpKeys.Item("FU-1")),
        ("chatsupport:stats:follow-ups:20261130", FollowUpKeys.DailyStats(Day)),
        ("chatsupport:canned:items", CannedReplyKeys.Items),
        ("chatsupport:dashboard:agent:wang:conversations", AgentKeys.Conversations("wang")),
        ("chatsupport:dashboard:agent:wang:read", AgentKeys.ReadMarks("wang")),
        ("chatsupport:dashboard:agents:last-assigned", QueueKeys.LastAssigned),
        ("chatsupport:reports:agents:20261130", ReportKeys.AgentDaily(Day)),
        ("chatsupport:reports:conversation:c-1:timeline", ReportKeys.Timeline("c-1")),
        ("chatsupport:reports:closed-chats", ReportKeys.ClosedChats),
    ];

    [Fact]
    public void EveryOldNameMapsToItsCurrentNameAndNoCurrentNameLooksOld()
    {
        var rules = PreClusterKeyLayout.Rules(ConversationKey.For);
        foreach (var (old, current) in Layout)
        {
            Assert.Equal(current, PreClusterKeyLayout.Classify(rules, old)?.NewKey);
            // A current name is never taken for an old one (a second run must not move what the first one moved).
            Assert.Null(PreClusterKeyLayout.Classify(rules, current));
        }
        // Names that never changed, and a malformed day, are left alone.
        Assert.Null(PreClusterKeyLayout.Classify(rules, DashboardKeys.Users));
        Assert.Null(PreClusterKeyLayout.Classify(rules, DashboardKeys.HandoverNotes));
        Assert.Null(PreClusterKeyLayout.Classify(rules, BotStateKeys.HandoffRelayCursor));
        Assert.Null(PreClusterKeyLayout.Classify(rules, "chatsupport:stats:bot:20261399"));
    }

    // null: the way the topology calls for (RENAMENX on one server, DUMP/RESTORE on a cluster); true: DUMP/RESTORE
    // forced, so a single-server run tries the cluster's way too.
    [Theory]
    [InlineData(null)]
    [InlineData(true)]
    public async Task ADryRunChangesNothingAndApplyMovesEveryOldKeyOnce(bool? copyAcrossSlots)
    {
        await using var redis = RedisServer.Start();
        await using var mux = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = mux.GetDatabase();
        await SeedAsync(db);
        await db.StringSetAsync("other-app:keep", "x");

        // Dry run: the report counts every old key; the store is as it was.
        var (exit, output) = await RunAsync(redis, copyAcrossSlots);
        Assert.Equal(0, exit);
        Assert.Contains($"to move {Layout.Length},", output);
        foreach (var (old, current) in Layout)
        {
            Assert.True(await db.KeyExistsAsync(old), old);
            Assert.False(await db.KeyExistsAsync(current), current);
        }

        (exit, output) = await RunAsync(redis, copyAcrossSlots, "--apply");
        Assert.Equal(0, exit);
        Assert.Contains($"moved {Layout.Length},", output);
        foreach (var (old, current) in Layout)
        {
            Assert.False(await db.KeyExistsAsync(old), old);
            Assert.True(await db.KeyExistsAsync(current), current);
        }
        // Values, types, TTLs and a stream's consumer group come along.
        Assert.Equal("emulator", (string?)await db.HashGetAsync(ConversationKeys.Record("emulator:c-2"), "channel"));
        Assert.Equal(["你好", "请稍等"], (await db.ListRangeAsync(ConversationKeys.Transcript("c-1"))).Select(v => (string)v!));
        Assert.Equal(1700000000000, await db.SortedSetScoreAsync(QueueKeys.Queue, "c-1"));
        var ttl = await db.KeyTimeToLiveAsync(ConversationKeys.Transcript("c-1"));
        Assert.True(ttl is { } t && t > TimeSpan.FromDays(6) && t <= TimeSpan.FromDays(7), $"TTL {ttl}");
        Assert.Null(await db.KeyTimeToLiveAsync(ConversationKeys.Record("c-1")));
        Assert.Equal(1, await db.StreamLengthAsync(StreamKeys.ToDashboard));
        Assert.Contains(await db.StreamGroupInfoAsync(StreamKeys.ToDashboard), g => g.Name == StreamKeys.ReportsGroup);
        Assert.Equal("x", (string?)await db.StringGetAsync("other-app:keep"));

        // A second run finds nothing to do.
        (exit, output) = await RunAsync(redis, copyAcrossSlots, "--apply");
        Assert.Equal(0, exit);
        Assert.Contains("moved 0, finished 0, conflicts 0", output);
    }

    [Fact]
    public async Task AnExistingNewKeyIsNeverOverwrittenAndAMoveCutShortIsFinished()
    {
        await using var redis = RedisServer.Start();
        await using var mux = await ConnectionMultiplexer.ConnectAsync(redis.ConnectionString);
        var db = mux.GetDatabase();
        // A new service already wrote the new record: the old one is kept beside it and reported.
        await db.HashSetAsync("chatsupport:conversation:c-9", "status", "Queued");
        await db.HashSetAsync(ConversationKeys.Record("c-9"), "status", "WithAgent");
        // An earlier run restored the transcript and stopped before deleting the old name.
        await db.ListRightPushAsync("chatsupport:conversation:c-9:transcript", "你好");
        await db.KeyRestoreAsync(ConversationKeys.Transcript("c-9"), (await db.KeyDumpAsync("chatsupport:conversation:c-9:transcript"))!);

        var (exit, output) = await RunAsync(redis, copyAcrossSlots: null, "--apply");

        Assert.Equal(1, exit);
        Assert.Contains($"conflict (new name exists with another value, both kept): chatsupport:conversation:c-9 -> {ConversationKeys.Record("c-9")}", output);
        Assert.Equal("Queued", (string?)await db.HashGetAsync("chatsupport:conversation:c-9", "status"));
        Assert.Equal("WithAgent", (string?)await db.HashGetAsync(ConversationKeys.Record("c-9"), "status"));
        Assert.False(await db.KeyExistsAsync("chatsupport:conversation:c-9:transcript"));
        Assert.Equal("你好", (string?)await db.ListGetByIndexAsync(ConversationKeys.Transcript("c-9"), 0));
        Assert.Contains("moved 0, finished 1, conflicts 1", output);
    }

    [Fact]
    public async Task BadArgumentsAndAnUnreachableRedisGetAClearError()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, await MigrateKeysCommand.RunAsync(["--aply"], TextWriter.Null, stderr, _ => null));
        Assert.Contains("unknown argument '--aply'", stderr.ToString());

        stderr = new StringWriter();
        var port = FreePort.Next();
        Assert.Equal(2, await MigrateKeysCommand.RunAsync(["--redis", $"127.0.0.1:{port},connectTimeout=500"], TextWriter.Null, stderr, _ => null));
        Assert.Contains($"cannot reach Redis at 127.0.0.1:{port}", stderr.ToString());
    }

    private static async Task<(int Exit, string Output)> RunAsync(RedisServer redis, bool? copyAcrossSlots, params string[] extra)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await MigrateKeysCommand.RunAsync(["--redis", redis.ConnectionString, .. extra], stdout, stderr, _ => null, copyAcrossSlots);
        Assert.True(stderr.ToString().Length == 0, stderr.ToString());
        return (exit, stdout.ToString());
    }

    /// <summary>Every old name of <see cref="Layout"/> with a value of the type the old code kept there.</summary>
    private static async Task SeedAsync(IDatabase db)
    {
        string[] typed = ["chatsupport:conversation:c-1", "chatsupport:conversation:emulator:c-2", "chatsupport:conversation:c-1:transcript",
            "chatsupport:handoff:queue", "chatsupport:stream:to-dashboard"];
        foreach (var (old, _) in Layout.Where(k => !typed.Contains(k.Old))) await db.StringSetAsync(old, "v");
        await db.HashSetAsync("chatsupport:conversation:c-1", [new("status", "Queued"), new("channel", "directline")]);
        await db.HashSetAsync("chatsupport:conversation:emulator:c-2", [new("status", "Queued"), new("channel", "emulator")]);
        await db.ListRightPushAsync("chatsupport:conversation:c-1:transcript", ["你好", "请稍等"]);
        await db.KeyExpireAsync("chatsupport:conversation:c-1:transcript", TimeSpan.FromDays(7));
        await db.SortedSetAddAsync("chatsupport:handoff:queue", "c-1", 1700000000000);
        await db.StreamAddAsync("chatsupport:stream:to-dashboard", "event", "{}");
        await db.StreamCreateConsumerGroupAsync("chatsupport:stream:to-dashboard", StreamKeys.ReportsGroup, "0-0");
    }
}
