using ChatSupport.HandoffContract;
using ChatSupport.HandoffDashboard.Auth;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>
/// The greeting sent as the agent's first message when they accept a chat: the team item with the
/// configured shortcut (default /hy), else the first item of category 问候, filled from the chat.
/// Nothing is sent raw: a greeting with a variable that cannot be filled falls back to a safe default.
/// Registered as the conversations feature's IAcceptGreeting.
/// </summary>
public sealed class AcceptGreetingProvider(
    IConnectionMultiplexer redis,
    RedisCannedReplyStore store,
    CannedReplyIndex index,
    RedisUserStore users,
    IOptions<CannedReplyOptions> options,
    ILogger<AcceptGreetingProvider> logger) : ChatSupport.HandoffDashboard.Conversations.IAcceptGreeting
{
    public const string SafeDefaultGreeting = "您好，很高兴为您服务，请问有什么可以帮您？";

    public async Task<string?> GreetingForAsync(string agentId, string conversationId, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.AcceptGreeting.Enabled) return null;
        await index.EnsureLoadedAsync(store, cancellationToken);

        var template = index.Items.Select(i => i.Reply)
            .Where(r => r.Scope == CannedReplyScope.Team)
            .OrderBy(r => r.Shortcut == CannedReplyValidator.NormaliseShortcut(o.AcceptGreeting.Shortcut) ? 0 : 1)
            .ThenBy(r => r.Order)
            .FirstOrDefault(r => r.Shortcut == CannedReplyValidator.NormaliseShortcut(o.AcceptGreeting.Shortcut) || r.Category == CannedReplyCategories.Greeting);
        if (template is null) return SafeDefaultGreeting;

        var customerName = (string?)await redis.GetDatabase().HashGetAsync(HandoffKeys.Conversation(conversationId), ConversationFields.CustomerName);
        var agent = await users.FindAsync(agentId);
        var context = new ChatContext(
            CustomerAddress: string.IsNullOrWhiteSpace(customerName) ? o.AcceptGreeting.DefaultCustomerAddress : customerName,
            OrderNumber: null,
            AgentNumber: agent?.EmployeeNumber is { Length: > 0 } number ? number : agent?.DisplayName,
            ShopName: o.ShopName);
        var filled = TemplateVariables.Fill(template.Text, context);
        if (!filled.Complete)
        {
            CannedReplyLog.GreetingUnfilled(logger, conversationId);
            return SafeDefaultGreeting;
        }
        return filled.Text;
    }
}
