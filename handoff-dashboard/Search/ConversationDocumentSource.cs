using System.Collections.Concurrent;
using ChatSupport.HandoffContract;
using ChatSupport.HandoffContract.Keys;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Labels;
using ChatSupport.HandoffDashboard.Notes;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Search;

/// <summary>
/// Builds a <see cref="ConversationDocument"/> from what Redis holds about a conversation: its record, the bot's
/// transcript (the bot's part included), agents' notes, labels and the search facts. The one thing Redis may not
/// have yet is an agent's reply that the bot has not written to the transcript: the feed hands those lines in as
/// <see cref="Pending"/> until the transcript has them.
/// </summary>
public sealed class ConversationDocumentSource(IConnectionMultiplexer redis, ConversationStore conversations, NoteStore notes, LabelStore labels)
{
    private static readonly TimeSpan PendingFor = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, List<(SearchLine Line, DateTimeOffset Until)>> _pending = new(StringComparer.Ordinal);

    /// <summary>A line seen on a stream that the transcript may not have yet.</summary>
    public void Pending(string conversationId, SearchLine line, DateTimeOffset now)
    {
        var list = _pending.GetOrAdd(conversationId, _ => []);
        lock (list)
        {
            list.RemoveAll(p => p.Until < now);
            list.Add((line, now + PendingFor));
        }
    }

    /// <summary>Null when no record exists (expired or never escalated): such chats are not searchable.</summary>
    public async Task<ConversationDocument?> LoadAsync(string conversationId, DateTimeOffset now)
    {
        var snapshotTask = conversations.GetAsync(conversationId);
        var transcriptTask = conversations.TranscriptAsync(conversationId);
        var notesTask = notes.ListAsync(conversationId);
        var labelsTask = labels.OfConversationAsync(conversationId);
        var factsTask = redis.GetDatabase().HashGetAllAsync(SearchKeys.Facts(conversationId));
        await Task.WhenAll(snapshotTask, transcriptTask, notesTask, labelsTask, factsTask);
        var snapshot = snapshotTask.Result;
        if (snapshot is null) return null;

        var lines = new List<SearchLine>(transcriptTask.Result.Count + notesTask.Result.Count);
        lines.AddRange(transcriptTask.Result.Select(t => new SearchLine(t.Sender, t.SenderName, t.Timestamp, t.Text)));
        if (_pending.TryGetValue(conversationId, out var pending))
        {
            lock (pending)
            {
                pending.RemoveAll(p => p.Until < now || lines.Any(l => l.Sender == p.Line.Sender && l.Text == p.Line.Text));
                lines.AddRange(pending.Select(p => p.Line));
                if (pending.Count == 0) _pending.TryRemove(conversationId, out _);
            }
        }
        lines.AddRange(notesTask.Result.Select(n => new SearchLine(SearchLine.NoteSender, n.AgentName, n.At, n.Text)));
        lines.Sort((a, b) => a.At.CompareTo(b.At));

        var facts = factsTask.Result.ToDictionary(e => (string)e.Name!, e => (string?)e.Value, StringComparer.Ordinal);
        var agents = facts.Keys.Where(k => k.StartsWith(FactFields.AgentPrefix, StringComparison.Ordinal)).Select(k => k[FactFields.AgentPrefix.Length..]).ToList();
        var started = snapshot.StartedAt ?? snapshot.EscalatedAt ?? (lines.Count > 0 ? lines[0].At : now);
        var last = new[] { lines.Count > 0 ? lines[^1].At : started, snapshot.ClosedAt ?? started, snapshot.AcceptedAt ?? started }.Max();
        return new ConversationDocument(conversationId, snapshot.Status?.ToString(), snapshot.CustomerId, snapshot.CustomerName, snapshot.Reason,
            started, last, snapshot.Assignee, snapshot.AssigneeName, agents, labelsTask.Result, facts.GetValueOrDefault(FactFields.Csat), lines);
    }

    /// <summary>Facts only a stream carries: the survey's rating and every agent who held the chat. Idempotent (all instances write them).</summary>
    public async Task RecordFactsAsync(HandoffEvent e)
    {
        var key = SearchKeys.Facts(e.ConversationId);
        var db = redis.GetDatabase();
        switch (e.Kind)
        {
            case HandoffEventKinds.SurveyAnswered when e.Text is "满意" or "一般" or "不满意":
                await db.HashSetAsync(key, FactFields.Csat, e.Text);
                break;
            case HandoffEventKinds.AgentJoined when e.AgentId is not null:
                await db.HashSetAsync(key, FactFields.AgentPrefix + e.AgentId, 1);
                break;
            case HandoffEventKinds.ConversationTransferred when e.ToAgentId is not null:
                await db.HashSetAsync(key, FactFields.AgentPrefix + e.ToAgentId, 1);
                break;
            default:
                return;
        }
        await db.KeyExpireAsync(key, TimeSpan.FromDays(400));
    }

    /// <summary>
    /// Ids of every conversation that has a record, for a rebuild, from the indexes that already list them (nothing
    /// is scanned): the queue, chats with an agent and closed chats (the report indexes, kept Reports:RetentionDays).
    /// A record exists only from escalation on, so these three hold every conversation there is to search.
    /// </summary>
    public async IAsyncEnumerable<string> AllConversationIdsAsync()
    {
        const int page = 1000;
        var db = redis.GetDatabase();
        foreach (var key in new[] { HandoffKeys.Queue, ReportKeys.OpenChats, ReportKeys.ClosedChats })
        {
            for (long start = 0; ; start += page)
            {
                var ids = await db.SortedSetRangeByRankAsync(key, start, start + page - 1, Order.Descending);
                foreach (var id in ids) yield return (string)id!;
                if (ids.Length < page) break;
            }
        }
    }

    private static class FactFields
    {
        public const string Csat = "csat";
        public const string AgentPrefix = "agent:";
    }
}
