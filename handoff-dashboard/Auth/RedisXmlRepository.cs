using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using ChatSupport.HandoffDashboard.Redis;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Auth;

/// <summary>
/// Data-protection keys in Redis, so every dashboard instance can read the sign-in cookie and anti-forgery token
/// another issued, and a restarted instance still accepts them. (The official Redis key store needs
/// StackExchange.Redis 2.x, which is not available here.)
/// </summary>
internal sealed class RedisXmlRepository(IConnectionMultiplexer redis) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        redis.GetDatabase().HashGetAll(DashboardKeys.DataProtectionKeys)
            .Select(e => XElement.Parse((string)e.Value!)).ToList();

    public void StoreElement(XElement element, string friendlyName) =>
        redis.GetDatabase().HashSet(DashboardKeys.DataProtectionKeys, friendlyName, element.ToString(SaveOptions.DisableFormatting));
}
