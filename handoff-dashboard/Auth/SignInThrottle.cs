using System.Security.Cryptography;
using System.Text;
using ChatSupport.HandoffDashboard.Redis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>
/// Counts failed sign-ins per user name and per client address in Redis (so every instance shares the count),
/// each in a fixed window that starts with the first failure. Once either count reaches its limit, sign-in
/// answers 429 with Retry-After until the window ends, whether the password is right or not.
/// </summary>
public sealed class SignInThrottle(IConnectionMultiplexer redis, IOptions<SignInOptions> options)
{
    // Counts one failure on both keys; the window starts with the key's first failure.
    private const string FailScript = """
        for i = 1, 2 do
          if redis.call('INCR', KEYS[i]) == 1 then redis.call('EXPIRE', KEYS[i], ARGV[1]) end
        end
        return 1
        """;

    /// <summary>How long the caller must wait, or null when they may try.</summary>
    public async Task<TimeSpan?> BlockedForAsync(string userName, string address)
    {
        var o = options.Value;
        var db = redis.GetDatabase();
        var (userKey, addressKey) = Keys(userName, address);
        var userCount = db.StringGetAsync(userKey);
        var addressCount = db.StringGetAsync(addressKey);
        TimeSpan? wait = null;
        if ((long?)await userCount >= o.MaxFailuresPerUser) wait = Longer(wait, await db.KeyTimeToLiveAsync(userKey));
        if ((long?)await addressCount >= o.MaxFailuresPerAddress) wait = Longer(wait, await db.KeyTimeToLiveAsync(addressKey));
        return wait;
    }

    public async Task FailedAsync(string userName, string address)
    {
        var (userKey, addressKey) = Keys(userName, address);
        await redis.GetDatabase().ScriptEvaluateAsync(FailScript, [userKey, addressKey], [options.Value.FailureWindowSeconds]);
    }

    /// <summary>A correct password ends the user name's count (not the address's: one good account must not unlock guessing others).</summary>
    public Task SucceededAsync(string userName) => redis.GetDatabase().KeyDeleteAsync(Keys(userName, "").User);

    private TimeSpan Longer(TimeSpan? current, TimeSpan? ttl)
    {
        // A key without TTL (should not happen) still blocks for one window.
        var t = ttl ?? TimeSpan.FromSeconds(options.Value.FailureWindowSeconds);
        return current is { } c && c > t ? c : t;
    }

    /// <summary>Hashed, so any text typed as a user name gives a short, safe key.</summary>
    private static (RedisKey User, RedisKey Address) Keys(string userName, string address) =>
        (HandoffContract.Keys.DashboardKeys.SignInFailuresOfUser(Hash(RedisUserStore.IdFor(userName))),
         HandoffContract.Keys.DashboardKeys.SignInFailuresOfAddress(Hash(address)));

    private static string Hash(string s) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(s)))[..32];
}
