namespace ChatSupport.Bot.Attachments;

/// <summary>
/// Where attachment bytes live. Keys are made by <see cref="AttachmentStore"/> (<c>{conversation hash}/{attachment id}/{variant}</c>:
/// letters, digits and slashes only), so no backend has to escape anything.
/// </summary>
public interface IAttachmentStorage
{
    Task PutAsync(string key, byte[] content, string contentType, CancellationToken ct);

    /// <summary>The stored bytes, or null when there is no such object.</summary>
    Task<Stream?> OpenAsync(string key, CancellationToken ct);

    /// <summary>Deletes the objects; missing ones are fine.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct);
}
