using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Auth;
using ChatSupport.HandoffDashboard.Conversations;
using ChatSupport.HandoffDashboard.Customers;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.Sales;

/// <summary>
/// Demo configuration only (<see cref="DemoSalesOptions.Enabled"/>): creates three demo agents (disabled accounts, named
/// "（演示）", who cannot sign in or be given real chats) and, for each of the last days, one finished chat of each demo
/// shopper with one of them, early in the store's day. Nothing is attributed here: the demo store's orders arrive through
/// the signed webhook and the real rule (<see cref="SalesAttribution"/>) counts those paid within the window after a
/// demo chat for its agent; 接待人数 is counted as <see cref="SalesIntake"/> counts it. Ids are fixed per day and shopper,
/// so a restart writes the same records again and counts nothing twice. Runs in StartAsync, before the server takes the
/// webhook calls the bot's order backlog is waiting to make.
/// </summary>
public sealed class DemoSalesSeeder(
    IConnectionMultiplexer redis,
    RedisUserStore users,
    IPasswordHasher<DashboardUser> hasher,
    CustomerStore customers,
    SalesLedger ledger,
    IOptions<DemoSalesOptions> options,
    TimeProvider clock,
    ILogger<DemoSalesSeeder> logger) : IHostedService
{
    public static readonly IReadOnlyList<(string Id, string Name)> DemoAgents =
        [("demo-agent-xiaomei", "小美（演示）"), ("demo-agent-ajie", "阿杰（演示）"), ("demo-agent-lina", "丽娜（演示）")];

    /// <summary>Demo chats run 00:20–00:40 UTC (08:20–08:40 Beijing), before the demo store's orders of the day (from 01:00 UTC).</summary>
    private static readonly TimeSpan ChatStart = TimeSpan.FromMinutes(20), ChatLength = TimeSpan.FromMinutes(20);

    public static string ConversationId(DateOnly day, string shopperId) => $"demo-chat-{day:yyyyMMdd}-{shopperId}";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled) return;
        foreach (var (id, name) in DemoAgents)
        {
            // A random password nobody knows, and disabled: the account exists for the report's names only.
            var user = new DashboardUser(id, id, name, "", [DashboardRoles.Agent], ["general"], 0, Disabled: true);
            await users.TryCreateAsync(user with { PasswordHash = hasher.HashPassword(user, Guid.NewGuid().ToString("N")) });
        }
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var db = redis.GetDatabase();
        var chats = 0;
        for (var back = o.Days - 1; back >= 0; back--)
        {
            var day = today.AddDays(-back);
            var acceptedAt = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) + ChatStart;
            var closedAt = acceptedAt + ChatLength;
            if (closedAt > now) continue; // never a chat in the future
            for (var i = 0; i < o.ShopperIds.Count; i++)
            {
                var shopperId = o.ShopperIds[i];
                var (agentId, agentName) = DemoAgents[(day.DayNumber + i) % DemoAgents.Count];
                var customerId = CustomerIntake.CustomerIdOfShopper(shopperId);
                var conversationId = ConversationId(day, shopperId);
                await customers.SeenAsync(customerId, null, shopperId, acceptedAt);
                await db.HashSetAsync(HandoffKeys.Conversation(conversationId),
                [
                    new(ConversationFields.Status, nameof(ConversationStatus.Closed)), new(ConversationFields.CustomerId, customerId),
                    new(ConversationFields.Reason, HandoffReason.Human.ToWireName()),
                    new(ConversationFields.StartedAt, ConversationSnapshot.FormatTime(acceptedAt.AddMinutes(-2))),
                    new(ConversationFields.EscalatedAt, ConversationSnapshot.FormatTime(acceptedAt.AddMinutes(-1))),
                    new(ConversationFields.AcceptedAt, ConversationSnapshot.FormatTime(acceptedAt)),
                    new(ConversationFields.ClosedAt, ConversationSnapshot.FormatTime(closedAt)),
                    new(ConversationFields.Assignee, agentId), new(ConversationFields.AssigneeName, agentName),
                ]);
                await db.KeyExpireAsync(HandoffKeys.Conversation(conversationId), TimeSpan.FromDays(o.Days + 30));
                await db.SortedSetAddAsync(HandoffKeys.CustomerConversations(customerId), conversationId, acceptedAt.ToUnixTimeMilliseconds());
                await ledger.ServedAsync(day, agentId, customerId);
                chats++;
            }
        }
        DemoSalesLog.Seeded(logger, chats, o.Days);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static partial class DemoSalesLog
{
    [LoggerMessage(EventId = 2701, Level = LogLevel.Information, Message = "Demo sales data: {Chats} demo chats over {Days} days (Sales:DemoSeed is on; demo configuration only)")]
    public static partial void Seeded(ILogger logger, int chats, int days);
}
