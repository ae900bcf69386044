using Microsoft.Extensions.Options;

namespace ChatSupport.HandoffDashboard.KnowledgeAdmin;

/// <summary>
/// Section "Bot": where the bot's admin HTTP API is. The key is a secret: set Bot__AdminApiKey in the
/// environment, never in appsettings.json. Without AdminBaseUrl the knowledge pages answer 503.
/// </summary>
public sealed class BotAdminOptions
{
    public const string SectionName = "Bot";

    public string? AdminBaseUrl { get; set; }
    public string? AdminApiKey { get; set; }
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AdminBaseUrl);
}

internal sealed class BotAdminOptionsValidator : IValidateOptions<BotAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, BotAdminOptions options)
    {
        if (!options.IsConfigured) return ValidateOptionsResult.Success;
        if (!Uri.TryCreate(options.AdminBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return ValidateOptionsResult.Fail("Bot:AdminBaseUrl must be an absolute http(s) URL.");
        if (string.IsNullOrWhiteSpace(options.AdminApiKey))
            return ValidateOptionsResult.Fail("Bot:AdminApiKey is required when Bot:AdminBaseUrl is set (set Bot__AdminApiKey).");
        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(2))
            return ValidateOptionsResult.Fail("Bot:Timeout must be between 0 and 2 minutes.");
        return ValidateOptionsResult.Success;
    }
}
