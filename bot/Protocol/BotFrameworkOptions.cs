namespace ChatSupport.Bot.Protocol;

/// <summary>
/// Section "BotFramework": the bot's identity towards Azure Bot Service. With no app id the bot runs
/// open, as the Emulator expects: /api/messages then takes only callers on this machine (unless
/// <see cref="AllowAnonymousRemote"/>) and replies only to <see cref="AllowedServiceUrls"/> and loopback.
/// </summary>
public sealed class BotFrameworkOptions
{
    public const string SectionName = "BotFramework";

    public string? MicrosoftAppId { get; set; }
    /// <summary>Never in appsettings; set BotFramework__MicrosoftAppPassword.</summary>
    public string? MicrosoftAppPassword { get; set; }

    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public string EmulatorOpenIdMetadataUrl { get; set; } = "https://login.microsoftonline.com/botframework.com/v2.0/.well-known/openid-configuration";

    public List<string> ValidIssuers { get; set; } =
    [
        "https://api.botframework.com",
        "https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/",
        "https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0",
        "https://sts.windows.net/f8cdef31-a31e-4b4a-93e4-5f571e91255a/",
        "https://login.microsoftonline.com/f8cdef31-a31e-4b4a-93e4-5f571e91255a/v2.0",
    ];

    public string TokenEndpoint { get; set; } = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";
    public string TokenScope { get; set; } = "https://api.botframework.com/.default";

    /// <summary>
    /// Origins (scheme, host and port; a path is ignored) the bot may call when running open; loopback is always
    /// allowed. Compared exactly, so https://smba.trafficmanager.net does not also allow …net.evil.tld.
    /// </summary>
    public List<string> AllowedServiceUrls { get; set; } = [];

    /// <summary>
    /// With no app id, /api/messages answers only callers on this machine (the Emulator beside the bot). True opens it
    /// to any address: anyone who can reach it can then talk to the bot as any user of a non-Direct Line channel.
    /// </summary>
    public bool AllowAnonymousRemote { get; set; }

    /// <summary>Largest activity accepted at /api/messages (bytes).</summary>
    public int MaxActivityBytes { get; set; } = 256 * 1024;

    public bool AuthenticationEnabled => !string.IsNullOrEmpty(MicrosoftAppId);
}
