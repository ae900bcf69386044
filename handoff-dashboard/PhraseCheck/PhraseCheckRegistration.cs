using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatSupport.HandoffDashboard.PhraseCheck;

public static class PhraseCheckRegistration
{
    /// <summary>Needs the canned replies feature (suggestions come from it).</summary>
    public static void AddPhraseCheck(this WebApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<RedisForbiddenPhraseStore>();
        builder.Services.AddHostedService<ForbiddenPhraseSeeder>();
    }
}
