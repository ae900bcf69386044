using System.Text.Json;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>Users as JSON in one Redis hash (user id → record). Few users, read on sign-in and on the admin page.</summary>
public sealed class RedisUserStore(IConnectionMultiplexer redis)
{
    /// <summary>Hash: user id → <see cref="DashboardUser"/> JSON. Dashboard-internal, not part of the handoff contract.</summary>
    internal const string UsersKey = HandoffContract.Keys.DashboardKeys.Users;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string IdFor(string userName) => userName.Trim().ToLowerInvariant();

    public async Task<DashboardUser?> FindAsync(string userName)
    {
        var json = await redis.GetDatabase().HashGetAsync(UsersKey, IdFor(userName));
        return json.IsNullOrEmpty ? null : JsonSerializer.Deserialize<DashboardUser>(json.ToString(), Json);
    }

    public async Task<IReadOnlyList<DashboardUser>> ListAsync()
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(UsersKey);
        return entries.Select(e => JsonSerializer.Deserialize<DashboardUser>(e.Value.ToString(), Json)!)
            .OrderBy(u => u.UserName, StringComparer.Ordinal).ToList();
    }

    /// <summary>Adds a user; false when the user name is taken (HSETNX, so two instances cannot both create it).</summary>
    public Task<bool> TryCreateAsync(DashboardUser user) =>
        redis.GetDatabase().HashSetAsync(UsersKey, user.Id, JsonSerializer.Serialize(user, Json), When.NotExists);

    public Task SaveAsync(DashboardUser user) =>
        redis.GetDatabase().HashSetAsync(UsersKey, user.Id, JsonSerializer.Serialize(user, Json));
}
