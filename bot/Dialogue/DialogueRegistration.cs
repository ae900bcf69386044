using ChatSupport.Bot.Dialogue.Intake;
using ChatSupport.Bot.Protocol;

namespace ChatSupport.Bot.Dialogue;

public static class DialogueRegistration
{
    /// <summary>The conversation with the shopper: the store's bot as the turn handler, and its after-sales intake.</summary>
    public static void AddDialogue(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ActivityHandler, SupportBot>();
        builder.AddIntake();
    }
}
