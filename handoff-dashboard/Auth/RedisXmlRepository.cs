using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using ChatSupport.HandoffDashboard.Redis;
using StackExchange.Redis;
using ChatSupport.HandoffContract.Keys;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>
/// Data-protection keys in Redis, so every dashboard instance can read the sign-in cookie and anti-forgery token
/// another issued, and a restarted instance still accepts them. Each element arrives here already encrypted
/// when DataProtection:KeyEncryptionSecret is set (<see cref="SecretXmlEncryptor"/>). Kept instead of
/// Microsoft.AspNetCore.DataProtection.StackExchangeRedis: that package is built against StackExchange.Redis 2.x,
/// this one-hash store is what every instance already reads, and it is twenty lines.
/// </summary>
internal sealed class RedisXmlRepository(IConnectionMultiplexer redis) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        redis.GetDatabase().HashGetAll(DashboardKeys.DataProtectionKeys)
            .Select(e => XElement.Parse((string)e.Value!)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        redis.GetDatabase().HashSet(DashboardKeys.DataProtectionKeys, friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
