namespace ChatSupport.HandoffDashboard.Attachments;

/// <summary>
/// Section "Attachments": how agents see shoppers' files. They live on the bot; the dashboard signs short-lived URLs to them with
/// the key the bot uses (<see cref="ChatSupport.HandoffContract.AttachmentUrlSigner"/>), so an agent's browser loads them straight
/// from the bot. Without a key and the bot's URL, transcript lines show file names without pictures.
/// </summary>
public sealed class AttachmentLinkOptions
{
    public const string SectionName = "Attachments";

    /// <summary>The bot's Attachments:SigningKey (a secret: set Attachments__SigningKey in the environment).</summary>
    public string? SigningKey { get; set; }

    /// <summary>The bot as agents' browsers reach it, e.g. http://127.0.0.1:5000 (also allowed as an image source in the pages' CSP).</summary>
    public string? BotPublicUrl { get; set; }

    public int UrlLifetimeMinutes { get; set; } = 60;

    public bool IsConfigured => !string.IsNullOrEmpty(SigningKey) && Uri.TryCreate(BotPublicUrl, UriKind.Absolute, out _);

    /// <summary>scheme://host[:port] of <see cref="BotPublicUrl"/>, for the CSP; null when unset.</summary>
    public string? BotOrigin => Uri.TryCreate(BotPublicUrl, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
