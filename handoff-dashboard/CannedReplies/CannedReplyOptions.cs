using System.ComponentModel.DataAnnotations;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>Section "CannedReplies".</summary>
public sealed class CannedReplyOptions
{
    public const string SectionName = "CannedReplies";

    /// <summary>Longest text accepted (characters). Chat messages longer than this are unreadable anyway.</summary>
    [Range(10, 20_000)] public int MaxTextLength { get; set; } = 2_000;

    /// <summary>Reply assist must not make the agent wait: it gives up on the bot's FAQ answer after this long.</summary>
    [Range(100, 30_000)] public int ReplyAssistTimeoutMilliseconds { get; set; } = 1_500;

    [Range(5, 500)] public int MaxTitleLength { get; set; } = 60;

    [Range(1, 100)] public int MaxCategoryLength { get; set; } = 20;

    /// <summary>Most items one import may carry.</summary>
    [Range(1, 100_000)] public int MaxImportItems { get; set; } = 10_000;

    /// <summary>Largest import body in bytes.</summary>
    [Range(1_000, 100_000_000)] public int MaxImportBytes { get; set; } = 20_000_000;

    /// <summary>Largest file a canned reply may carry, in bytes (kept in Redis; the bot checks it again, within its own limit, when it is sent).</summary>
    [Range(1_000, 10_000_000)] public int MaxAttachmentBytes { get; set; } = 5_000_000;

    /// <summary>Seed the default set on first start (when no item was ever seeded).</summary>
    public bool SeedDefaults { get; set; } = true;

    /// <summary>Most results a search returns.</summary>
    [Range(1, 200)] public int SearchLimit { get; set; } = 20;

    /// <summary>Full reload of the in-memory index this often, in case a pub/sub message was lost during a reconnect.</summary>
    [Range(5, 3600)] public int FullRefreshSeconds { get; set; } = 60;

    /// <summary>Shop name filled into {店铺名}.</summary>
    [Required(AllowEmptyStrings = false)] public string ShopName { get; set; } = "本店";

    public AcceptGreetingOptions AcceptGreeting { get; set; } = new();
}

public sealed class AcceptGreetingOptions
{
    /// <summary>Send a greeting as the agent's first message when a chat is accepted.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The team item sent as greeting; when none has this shortcut, the first item of category 问候.</summary>
    public string Shortcut { get; set; } = "/hy";

    /// <summary>Form of address when the customer's name is unknown (亲 is the usual one in Chinese online shops).</summary>
    [Required(AllowEmptyStrings = false)] public string DefaultCustomerAddress { get; set; } = "亲";
}
