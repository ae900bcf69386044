using System.Globalization;
using ChatSupport.HandoffContract.Keys;
using StackExchange.Redis;
using static ChatSupport.HandoffDashboard.Redis.RedisHashRecord;

namespace ChatSupport.HandoffDashboard.FollowUps;

/// <summary>Programmes in Redis: a hash each with the list of the follow-ups it created (one hash tag), and an index by creation.</summary>
public sealed class ProgrammeStore(IConnectionMultiplexer redis)
{
    public async Task<string> NextIdAsync() => $"FP{await redis.GetDatabase().StringIncrementAsync(ProgrammeKeys.Sequence):D4}";

    public async Task SaveAsync(FollowUpProgramme p, IReadOnlyList<string> followUpIds)
    {
        var db = redis.GetDatabase();
        var tx = db.CreateTransaction();
        _ = tx.HashSetAsync(ProgrammeKeys.Programme(p.Id),
        [
            new("id", p.Id), new("name", p.Name), new("group", p.Group), new("memberLevel", p.MemberLevel ?? ""),
            new("from", p.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""), new("to", p.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? ""),
            new("subject", p.Subject), new("createdAt", Time(p.CreatedAt)), new("createdBy", p.CreatedBy), new("createdByName", p.CreatedByName ?? ""),
            new("followUps", p.FollowUps),
        ]);
        if (followUpIds.Count > 0) _ = tx.ListRightPushAsync(ProgrammeKeys.FollowUps(p.Id), followUpIds.Select(i => (RedisValue)i).ToArray());
        await tx.ExecuteAsync();
        await db.SortedSetAddAsync(ProgrammeKeys.All, p.Id, p.CreatedAt.ToUnixTimeMilliseconds());
    }

    public async Task<FollowUpProgramme?> GetAsync(string id)
    {
        var h = (await redis.GetDatabase().HashGetAllAsync(ProgrammeKeys.Programme(id))).ToDictionary(e => (string)e.Name!, e => (string)e.Value!);
        if (h.Count == 0) return null;
        DateOnly? Day(string k) => Text(h, k) is { } v ? DateOnly.ParseExact(v, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
        return new FollowUpProgramme(h["id"], h["name"], h["group"], Text(h, "memberLevel"), Day("from"), Day("to"), h.GetValueOrDefault("subject") ?? "",
            TimeOf(h, "createdAt") ?? default, h.GetValueOrDefault("createdBy") ?? "", Text(h, "createdByName"),
            int.Parse(h.GetValueOrDefault("followUps") ?? "0", CultureInfo.InvariantCulture));
    }

    public async Task<IReadOnlyList<string>> FollowUpIdsAsync(string id) =>
        (await redis.GetDatabase().ListRangeAsync(ProgrammeKeys.FollowUps(id))).Select(v => (string)v!).ToList();

    public async Task<IReadOnlyList<FollowUpProgramme>> RecentAsync(int take)
    {
        var ids = await redis.GetDatabase().SortedSetRangeByRankAsync(ProgrammeKeys.All, 0, take - 1, Order.Descending);
        var list = new List<FollowUpProgramme>();
        foreach (var id in ids) if (await GetAsync(id!) is { } p) list.Add(p);
        return list;
    }
}
