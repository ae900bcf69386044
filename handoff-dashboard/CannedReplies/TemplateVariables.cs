using System.Text;
using System.Text.RegularExpressions;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>Values for the variables a template may use, taken from the chat.</summary>
public sealed record ChatContext(string? CustomerAddress, string? OrderNumber, string? AgentNumber, string? ShopName);

/// <summary>A filled template and the variables it could not fill (shown to the agent, never sent raw).</summary>
public sealed record FilledTemplate(string Text, IReadOnlyList<string> Unfilled)
{
    public bool Complete => Unfilled.Count == 0;
}

/// <summary>
/// Fills {客户称呼} {订单号} {客服工号} {店铺名}. The composer's JS does the same in the browser;
/// this one serves the accept greeting. Unknown names may be stored (an agent fills them by hand).
/// </summary>
public static partial class TemplateVariables
{
    public const string CustomerAddress = "客户称呼";
    public const string OrderNumber = "订单号";
    public const string AgentNumber = "客服工号";
    public const string ShopName = "店铺名";

    [GeneratedRegex(@"\{([^{}\s]{1,20})\}")]
    private static partial Regex Placeholder();

    /// <summary>Replaces the known variables that have a value; the rest stay as placeholders and are listed in Unfilled.</summary>
    public static FilledTemplate Fill(string text, ChatContext context)
    {
        var unfilled = new List<string>();
        var filled = Placeholder().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            var value = name switch
            {
                CustomerAddress => context.CustomerAddress,
                OrderNumber => context.OrderNumber,
                AgentNumber => context.AgentNumber,
                ShopName => context.ShopName,
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(value))
            {
                if (!unfilled.Contains(name)) unfilled.Add(name);
                return m.Value;
            }
            return value.Trim();
        });
        return new FilledTemplate(filled, unfilled);
    }
}
