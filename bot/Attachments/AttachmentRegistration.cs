using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Attachments;

public static class AttachmentRegistration
{
    public static void AddAttachments(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AttachmentOptions>()
            .Bind(builder.Configuration.GetSection(AttachmentOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Storage is "folder" or "s3", "Attachments:Storage must be folder or s3")
            .ValidateOnStart();
        builder.Services.AddSingleton<IAttachmentStorage>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AttachmentOptions>>().Value;
            return o.Storage == "s3"
                ? new S3AttachmentStorage(o.S3)
                : new FolderAttachmentStorage(o.Folder ?? Path.Combine(Directory.GetCurrentDirectory(), ".data", "attachments"));
        });
        builder.Services.AddSingleton<AttachmentInspector>();
        builder.Services.AddSingleton<AttachmentLinks>();
        builder.Services.AddSingleton<AttachmentStore>();
        builder.Services.AddSingleton<MessageAttachments>();
        builder.Services.AddSingleton<AttachmentSweeper>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AttachmentSweeper>());
    }
}
