using ChatSupport.HandoffContract;

namespace ChatSupport.HandoffDashboard.Tests.Reports;

/// <summary>
/// A small, seeded set of escalated chats and, computed straight from how each chat was generated (not by
/// replaying events), the figures the agent report must show. Times cross midnight on purpose, so a figure
/// has to land on the day its definition names.
/// </summary>
public sealed class GeneratedChats
{
    public List<HandoffEvent> Events { get; } = [];

    /// <summary>(day, agent) → expected sums.</summary>
    public Dictionary<(DateOnly Day, string Agent), Expected> ByDayAndAgent { get; } = [];

    public sealed class Expected
    {
        public long Handled, FrtMs, FrtN, ArtMs, ArtN, ResMs, ResN, Good, Mid, Bad;
    }

    private Expected At(DateTimeOffset t, string agent)
    {
        var key = (DateOnly.FromDateTime(t.UtcDateTime), agent);
        if (!ByDayAndAgent.TryGetValue(key, out var e)) ByDayAndAgent[key] = e = new Expected();
        return e;
    }

    public static GeneratedChats Create(int seed, DateOnly firstDay, int days, int chats, string[] agents)
    {
        var g = new GeneratedChats();
        var rnd = new Random(seed);
        for (var c = 0; c < chats; c++)
        {
            var id = $"gen-{seed}-{c}";
            var agent = agents[rnd.Next(agents.Length)];
            var t = new DateTimeOffset(firstDay.AddDays(rnd.Next(days)).ToDateTime(new TimeOnly(7, 0)), TimeSpan.Zero)
                .AddSeconds(rnd.Next(0, 17 * 3600));
            static TimeSpan s(int seconds) => TimeSpan.FromSeconds(seconds);
            g.Add(HandoffEventKinds.EscalationRequested, id, t, reason: "complaint");
            if (rnd.Next(3) == 0) g.Add(HandoffEventKinds.CustomerReplied, id, t += s(rnd.Next(5, 60)), text: "还在吗"); // while waiting: not a response sample
            var joined = t += s(rnd.Next(10, 900));
            g.Add(HandoffEventKinds.AgentJoined, id, joined, agent);
            g.At(joined, agent).Handled++;
            var first = t += s(rnd.Next(3, 200));
            g.Add(HandoffEventKinds.AgentReplied, id, first, agent, "您好");
            g.At(first, agent).FrtMs += (long)(first - joined).TotalMilliseconds;
            g.At(first, agent).FrtN++;
            var bursts = rnd.Next(0, 4);
            for (var b = 0; b < bursts; b++)
            {
                var firstOfBurst = t += s(rnd.Next(5, 600));
                g.Add(HandoffEventKinds.CustomerReplied, id, firstOfBurst, text: "问题");
                for (var m = rnd.Next(0, 3); m > 0; m--) g.Add(HandoffEventKinds.CustomerReplied, id, t += s(rnd.Next(2, 40)), text: "补充");
                var reply = t += s(rnd.Next(4, 400));
                g.Add(HandoffEventKinds.AgentReplied, id, reply, agent, "答复");
                if (rnd.Next(4) == 0) g.Add(HandoffEventKinds.AgentReplied, id, t += s(rnd.Next(2, 30)), agent, "再补充"); // no question pending
                g.At(reply, agent).ArtMs += (long)(reply - firstOfBurst).TotalMilliseconds;
                g.At(reply, agent).ArtN++;
            }
            if (rnd.Next(5) == 0) g.Add(HandoffEventKinds.CustomerReplied, id, t += s(rnd.Next(5, 60)), text: "谢谢"); // never answered
            if (rnd.Next(10) == 0) continue; // still open
            var closed = t += s(rnd.Next(5, 300));
            g.Add(HandoffEventKinds.ConversationClosed, id, closed, agent);
            g.At(closed, agent).ResMs += (long)(closed - joined).TotalMilliseconds;
            g.At(closed, agent).ResN++;
            if (rnd.Next(10) < 7)
            {
                var rating = new[] { "满意", "一般", "不满意", "滿意" }[rnd.Next(4)];
                var surveyed = t += s(rnd.Next(5, 120));
                g.Add(HandoffEventKinds.SurveyAnswered, id, surveyed, text: rating);
                var e = g.At(surveyed, agent);
                if (rating is "满意" or "滿意") e.Good++;
                else if (rating == "一般") e.Mid++;
                else e.Bad++;
                if (rnd.Next(2) == 0) g.Add(HandoffEventKinds.SurveyAnswered, id, t += s(5), note: "物流太慢"); // comment only
                if (rnd.Next(4) == 0) g.Add(HandoffEventKinds.SurveyAnswered, id, t += s(5), text: "不满意"); // second answer: not counted
            }
        }
        g.Events.Sort((a, b) => a.At.CompareTo(b.At));
        return g;
    }

    private void Add(string kind, string conversation, DateTimeOffset at, string? agent = null, string? text = null, string? reason = null, string? note = null) =>
        Events.Add(new HandoffEvent { Kind = kind, ConversationId = conversation, At = at, AgentId = agent, Text = text, Reason = reason, Note = note });
}
