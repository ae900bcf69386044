namespace ChatSupport.HandoffDashboard.Attachments;

public static class AttachmentsRegistration
{
    public static void AddAttachmentLinks(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AttachmentLinkOptions>().Bind(builder.Configuration.GetSection(AttachmentLinkOptions.SectionName));
        builder.Services.AddSingleton<TranscriptAttachmentLinks>();
        builder.Services.AddSingleton<Conversations.ITranscriptLinks>(sp => sp.GetRequiredService<TranscriptAttachmentLinks>());
        builder.Services.AddHttpClient<BotAttachmentClient>(c => c.Timeout = TimeSpan.FromSeconds(30));
    }
}
