using System.Globalization;
using System.Text.RegularExpressions;

namespace ChatSupport.HandoffContract.Keys;

/// <summary>
/// The key names a store wrote before the keys carried Redis Cluster hash tags (main before merge 3df7791, the
/// catalogue of commit 5f35303), each with the name it has now. The bot's <c>migrate-keys</c> command renames a
/// store's old keys through it. Old names live here, beside the new ones, because the contract is the one place a
/// key name is written. Names that did not change (users, handover notes, data-protection keys, the relay's lease
/// and cursor, instance heartbeats, the phrase list, programmes, sales) are not listed: they need no move.
/// </summary>
public static class PreClusterKeyLayout
{
    /// <summary>One old name shape: a pattern over the whole old key and the current name it maps to.</summary>
    /// <param name="Name">What the key holds, for the command's report (e.g. "conversation transcript").</param>
    public sealed record Rule(string Name, Regex OldKey, Func<Match, string> NewKey);

    /// <summary>SCAN pattern that covers every old name (and the new ones, which match no rule).</summary>
    public const string ScanPattern = HandoffKeys.Prefix + "*";

    /// <summary>
    /// The rules, most specific first (a suffix rule before the rule of the bare record). An old conversation id
    /// may contain ':' (other channels than Direct Line are keyed "channelId:id"), so ids are matched greedily and
    /// known suffixes are tried first.
    /// </summary>
    /// <param name="conversationKeyFor">The bot's conversation key for (channelId, conversationId): the old
    /// conversation state was keyed by both, the new one by the conversation key (as its turn lock).</param>
    public static IReadOnlyList<Rule> Rules(Func<string, string, string> conversationKeyFor) =>
    [
        // The handoff record, its transcript and the customer's index (what an agent would lose).
        R("conversation transcript", @"conversation:(?<id>.+):transcript", m => ConversationKeys.Transcript(Id(m))),
        R("conversation record", @"conversation:(?<id>.+)", m => ConversationKeys.Record(Id(m))),
        R("handoff queue", @"handoff:queue", _ => QueueKeys.Queue),
        R("customer conversations", @"customer:(?<id>[^{}]+):conversations", m => CustomerKeys.Conversations(Id(m))),
        R("customer profile keys", @"customer:\{customer:(?<id>[^{}]+)\}:(?<what>profile|notes|contacts|merged)",
            m => m.Groups["what"].Value switch
            {
                "profile" => CustomerKeys.Profile(Id(m)),
                "notes" => CustomerKeys.Notes(Id(m)),
                "contacts" => CustomerKeys.Contacts(Id(m)),
                _ => CustomerKeys.Merged(Id(m)),
            }),
        R("customer directory", @"customers:\{customers\}:by-last-seen", _ => CustomerKeys.Directory),
        R("agent's customers", @"agent:\{agent:(?<id>[^{}]+)\}:customers", m => CustomerKeys.AgentCustomers(Id(m))),
        R("handoff streams", @"stream:to-dashboard", _ => StreamKeys.ToDashboard),
        R("handoff streams", @"stream:to-bot", _ => StreamKeys.ToBot),
        R("online agents", @"agents:online", _ => AgentKeys.Online),

        // Day counters.
        R("bot day stats", @"stats:bot:(?<day>\d{8})", m => StatsKeys.BotDaily(Day(m))),
        R("follow-up day stats", @"stats:follow-ups:(?<day>\d{8})", m => FollowUpKeys.DailyStats(Day(m))),
        R("phrase warnings per day", @"stats:phrase-warnings:(?<day>\d{8})", m => StatsKeys.PhraseWarnings(Day(m))),

        // The bot's own keys.
        R("direct line activities", @"dl:conversation:(?<id>.+):activities", m => DirectLineKeys.Activities(Id(m))),
        R("direct line watermark", @"dl:conversation:(?<id>.+):watermark", m => DirectLineKeys.Watermark(Id(m))),
        R("direct line conversation", @"dl:conversation:(?<id>.+)", m => DirectLineKeys.Conversation(Id(m))),
        R("turn lock fence", @"bot:turn-lock:(?<id>.+):fence", m => BotStateKeys.TurnFence(BotStateKeys.TurnLock(Id(m)))),
        R("turn lock", @"bot:turn-lock:(?<id>.+)", m => BotStateKeys.TurnLock(Id(m))),
        R("conversation reference", @"bot:conversation-reference:(?<id>.+)", m => BotStateKeys.ConversationReference(Id(m))),
        R("announced queue positions", @"bot:handoff:announced-positions", _ => QueueKeys.AnnouncedPositions),
        R("bot conversation state", @"bot:state:(?<channel>[^:]+):conversation:(?<id>.+)",
            m => BotStateKeys.ConversationState(conversationKeyFor(m.Groups["channel"].Value, Id(m)))),
        R("bot user state", @"bot:state:(?<channel>[^:]+):user:(?<id>.+)", m => BotStateKeys.UserState(m.Groups["channel"].Value, Id(m))),
        R("retry queues", @"bot:retry:(?<queue>[^:]+):due", m => RetryQueueKeys.For(m.Groups["queue"].Value).Due),
        R("retry queues", @"bot:retry:(?<queue>[^:]+):attempts", m => RetryQueueKeys.For(m.Groups["queue"].Value).Attempts),
        R("retry queues", @"bot:retry:(?<queue>[^:]+):items:(?<id>.+)", m => RetryQueueKeys.For(m.Groups["queue"].Value).Items(Id(m))),
        R("unanswered questions", @"knowledge:unanswered", _ => KnowledgeKeys.UnansweredIndex),
        R("unanswered questions", @"knowledge:unanswered:(?<id>.+)", m => KnowledgeKeys.UnansweredEntry(Id(m))),

        // The dashboard's own keys.
        R("canned replies", @"canned:items", _ => CannedReplyKeys.Items),
        R("canned replies", @"canned:usage", _ => CannedReplyKeys.Usage),
        R("canned replies", @"canned:shortcuts", _ => CannedReplyKeys.Shortcuts),
        R("canned replies", @"canned:seeded", _ => CannedReplyKeys.SeededFlag),
        R("complaints", @"complaints:by-opened", _ => ComplaintKeys.ByOpenedAt),
        R("complaints", @"complaints:seq", _ => ComplaintKeys.Sequence),
        R("complaints", @"complaints:categories", _ => ComplaintKeys.Categories),
        R("complaints", @"complaints:stats:(?<day>\d{8})", m => ComplaintKeys.DailyClassification(Day(m))),
        R("complaints", @"complaints:(?<id>[^:]+):history", m => ComplaintKeys.History(Id(m))),
        R("complaints", @"complaints:(?<id>[^:]+)", m => ComplaintKeys.Complaint(Id(m))),
        R("follow-ups", @"follow-ups:open-by-due", _ => FollowUpKeys.OpenByDue),
        R("follow-ups", @"follow-ups:by-created", _ => FollowUpKeys.ByCreated),
        R("follow-ups", @"follow-ups:seq", _ => FollowUpKeys.Sequence),
        R("follow-ups", @"follow-ups:(?<id>[^:]+)", m => FollowUpKeys.Item(Id(m))),
        R("agent's chats", @"dashboard:agent:(?<id>.+):conversations", m => AgentKeys.Conversations(Id(m))),
        R("agent's read marks", @"dashboard:agent:(?<id>.+):read", m => AgentKeys.ReadMarks(Id(m))),
        R("agent's connections", @"dashboard:agent:(?<id>.+):connections", m => AgentKeys.Connections(Id(m))),
        R("agent presence", @"dashboard:agents:presence", _ => AgentKeys.Presence),
        R("agent presence", @"dashboard:agents:grace", _ => AgentKeys.DisconnectGrace),
        R("last assignment", @"dashboard:agents:last-assigned", _ => QueueKeys.LastAssigned),
        R("sent agent messages", @"dashboard:sent:(?<id>.+)", m => ConversationKeys.SentMessage(Id(m))),
        R("sign-in throttle", @"dashboard:signin-failures:user:(?<id>.+)", m => DashboardKeys.SignInFailuresOfUser(Id(m))),
        R("sign-in throttle", @"dashboard:signin-failures:address:(?<id>.+)", m => DashboardKeys.SignInFailuresOfAddress(Id(m))),
        R("report indexes", @"reports:agents:(?<day>\d{8})", m => ReportKeys.AgentDaily(Day(m))),
        R("report indexes", @"reports:conversation:(?<id>.+):timeline", m => ReportKeys.Timeline(Id(m))),
        R("report indexes", @"reports:conversation:(?<id>.+):contribution", m => ReportKeys.Contribution(Id(m))),
        R("report indexes", @"reports:open-chat-agents", _ => ReportKeys.OpenChatAgents),
        R("report indexes", @"reports:open-chats", _ => ReportKeys.OpenChats),
        R("report indexes", @"reports:closed-chats", _ => ReportKeys.ClosedChats),
    ];

    /// <summary>The first rule whose old pattern is the whole key, and the new name; null for a key not in the old layout.</summary>
    public static (Rule Rule, string NewKey)? Classify(IReadOnlyList<Rule> rules, string key)
    {
        foreach (var rule in rules)
        {
            var match = rule.OldKey.Match(key);
            if (!match.Success) continue;
            // A day that is no date (20261399) is no key the old code wrote: leave it alone.
            try { return (rule, rule.NewKey(match)); }
            catch (FormatException) { return null; }
        }
        return null;
    }

    private static Rule R(string name, string afterPrefix, Func<Match, string> newKey) =>
        new(name, new Regex("^" + Regex.Escape(HandoffKeys.Prefix) + afterPrefix + "$", RegexOptions.CultureInvariant), newKey);

    private static string Id(Match m) => m.Groups["id"].Value;

    private static DateOnly Day(Match m) => DateOnly.ParseExact(m.Groups["day"].Value, "yyyyMMdd", CultureInfo.InvariantCulture);
}
