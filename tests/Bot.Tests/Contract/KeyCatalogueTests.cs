using System.Text.RegularExpressions;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.TestSupport;

namespace ChatSupport.Bot.Tests.Contract;

/// <summary>
/// The contract project (bot/HandoffContract) is the only place a Redis key or channel name is written: every other
/// file, tests included, calls its Keys classes. A literal elsewhere would drift from the catalogue (and from its
/// Redis Cluster hash tag) unnoticed, so this test reads the source tree and fails on one.
/// </summary>
public sealed class KeyCatalogueTests
{
    // Strings that start like a key but are not Redis names (say why when adding one).
    private static readonly HashSet<string> NotRedisNames =
    [
        // A claim type inside the dashboard's auth cookie.
        $"handoff-dashboard/Auth/SessionValidator.cs: \"{HandoffKeys.Prefix}stamp\"",
    ];

    // Files whose key literals are the point: the migration test seeds a store with the names of the layout before
    // hash tags, written out as the old code wrote them, so that a wrong rule in the contract's PreClusterKeyLayout
    // fails it (building them from that layout would check it against itself). No current name is written there.
    private static readonly HashSet<string> OldLayoutFiles = ["tests/Bot.Tests/Redis/KeyMigrationTests.cs"];

    private static readonly Regex KeyLiteral = new("""[$@]*["'`]chatsupport:[^"'`]*["'`]?""", RegexOptions.Compiled);

    [Fact]
    public void NoRedisKeyOrChannelLiteralExistsOutsideTheContract()
    {
        var root = RepositoryPaths.Root;
        var contract = Path.Combine(root, "bot", "HandoffContract") + Path.DirectorySeparatorChar;
        var found = new List<string>();
        foreach (var folder in new[] { "bot", "handoff-dashboard", "tests" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            {
                if (file.StartsWith(contract, StringComparison.Ordinal)) continue;
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Contains("/bin/") || relative.Contains("/obj/") || relative.Contains("node_modules/")) continue;
                if (Path.GetExtension(file) is not (".cs" or ".js" or ".json" or ".lua" or ".sh" or ".mjs")) continue;
                if (OldLayoutFiles.Contains(relative)) continue;
                var lineNumber = 0;
                foreach (var line in File.ReadLines(file))
                {
                    lineNumber++;
                    foreach (Match m in KeyLiteral.Matches(line))
                    {
                        var literal = m.Value.TrimStart('$', '@');
                        if (NotRedisNames.Contains($"{relative}: {literal}")) continue;
                        found.Add($"{relative}:{lineNumber}: {literal}");
                    }
                }
            }
        }
        Assert.True(found.Count == 0, "Redis key literals outside bot/HandoffContract (use its Keys classes):\n" + string.Join("\n", found));
    }

    [Fact]
    public void NoKeyIsComposedOrForwardedOutsideTheContract()
    {
        // Without a literal a key can still be written elsewhere: built from the prefix or a hash tag, or kept under
        // a second name by a forwarding *Keys class (the bot's BotKeys and UnansweredKeys were such forwarders).
        // Only .cs files can do either. This file is the one exception: it builds sample strings from the prefix to
        // try the literal pattern, and names the tags it checks.
        var root = RepositoryPaths.Root;
        var contract = Path.Combine(root, "bot", "HandoffContract") + Path.DirectorySeparatorChar;
        var self = Path.Combine("tests", "Bot.Tests", "Contract", nameof(KeyCatalogueTests) + ".cs").Replace('\\', '/');
        var found = new List<string>();
        foreach (var folder in new[] { "bot", "handoff-dashboard", "tests" })
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.StartsWith(contract, StringComparison.Ordinal)) continue;
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (relative.Contains("/bin/") || relative.Contains("/obj/") || relative == self) continue;
                var lineNumber = 0;
                foreach (var line in File.ReadLines(file))
                {
                    lineNumber++;
                    var code = line.TrimStart();
                    if (code.StartsWith("//", StringComparison.Ordinal) || code.StartsWith("///", StringComparison.Ordinal)) continue;
                    if (KeyComposition.IsMatch(line) || KeyForwarder.IsMatch(line)) found.Add($"{relative}:{lineNumber}: {code}");
                }
            }
        }
        Assert.True(found.Count == 0, "Keys built or forwarded outside bot/HandoffContract (add the member to its Keys classes and call it):\n" + string.Join("\n", found));
    }

    private static readonly Regex KeyComposition = new(@"\b(HandoffKeys\.Prefix|HashTags\.)", RegexOptions.Compiled);
    private static readonly Regex KeyForwarder = new(@"\bstatic\s+(partial\s+)?class\s+\w+Keys\b", RegexOptions.Compiled);

    [Fact]
    public void TheCompositionCheckFindsAKeyBuiltOrForwardedOutsideTheContract()
    {
        Assert.Matches(KeyComposition, "var key = HandoffKeys.Prefix + \"x\";");
        Assert.Matches(KeyComposition, "var key = \"a:\" + HashTags.Conversation(id);");
        Assert.Matches(KeyForwarder, "public static class BotKeys");
        Assert.DoesNotMatch(KeyForwarder, "public static class KeyCatalogueTests");
        Assert.DoesNotMatch(KeyComposition, "var key = BotStateKeys.TurnLock(id);");
    }

    [Fact]
    public void TheCheckFindsALiteralWhenThereIsOne()
    {
        // The pattern the test above relies on, tried on the shapes a key literal takes in C#, JS and Lua.
        // (Built from the prefix so that this file itself holds no literal.)
        const string p = HandoffKeys.Prefix;
        Assert.Matches(KeyLiteral, $"db.StringGet(\"{p}x\")");
        Assert.Matches(KeyLiteral, $"db.StringGet($\"{p}{{id}}\")");
        Assert.Matches(KeyLiteral, $"redis.call('GET', '{p}x')");
        Assert.DoesNotMatch(KeyLiteral, "Path.Combine(temp, \"chatsupport-redis-\")");
    }

    [Fact]
    public void KeysOneScriptTouchesTogetherShareAHashTag()
    {
        // The status scripts: conversation, queue, an agent's chats, last assignment and both streams.
        Assert.All(new[]
        {
            HandoffKeys.Conversation("c1"), HandoffKeys.Queue, AgentKeys.Conversations("a1"), QueueKeys.LastAssigned,
            StreamKeys.ToBot, StreamKeys.ToDashboard, ConversationKeys.SentMessage("m1"), RetryQueueKeys.Relay.Due, RetryQueueKeys.Relay.Items("c1"),
        }, key => Assert.Equal("{queue}", TagOf(key)));
        // One conversation's working keys.
        Assert.All(new[]
        {
            ConversationKeys.Transcript("c1"), ConversationKeys.TranscriptIds("c1"), DirectLineKeys.Conversation("c1"),
            DirectLineKeys.Activities("c1"), DirectLineKeys.Watermark("c1"), BotStateKeys.TurnLock("c1"),
            BotStateKeys.TurnFence(BotStateKeys.TurnLock("c1")), ReportKeys.Timeline("c1"), ReportKeys.Contribution("c1"),
        }, key => Assert.Equal("{conv:c1}", TagOf(key)));
        var day = new DateOnly(2026, 12, 1);
        Assert.Equal("{day:20261201}", TagOf(StatsKeys.BotDaily(day)));
        Assert.Equal("{day:20261201}", TagOf(ReportKeys.AgentDaily(day)));
        Assert.Equal("{customer:u1}", TagOf(CustomerKeys.Conversations("u1")));
        Assert.Equal(TagOf(AgentKeys.Presence), TagOf(AgentKeys.Connections("a1")));
        Assert.Equal(TagOf(ComplaintKeys.Complaint("x")), TagOf(ComplaintKeys.DailyClassification(day)));
        Assert.Equal(TagOf(FollowUpKeys.Item("x")), TagOf(FollowUpKeys.DailyStats(day)));
        Assert.Equal(TagOf(ReportKeys.OpenChats), TagOf(ReportKeys.IndexedVersion));
    }

    /// <summary>The hash tag as Redis Cluster reads it: the first {…} with something inside.</summary>
    private static string TagOf(string key)
    {
        var open = key.IndexOf('{');
        var close = open < 0 ? -1 : key.IndexOf('}', open + 1);
        Assert.True(close > open + 1, $"{key} has no hash tag");
        return key[open..(close + 1)];
    }
}
