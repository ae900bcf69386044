namespace ChatSupport.Bot.Attachments;

/// <summary>The default storage: files in a folder of the bot's data directory. Good for one instance (or a shared volume).</summary>
public sealed class FolderAttachmentStorage(string root) : IAttachmentStorage
{
    public string Root { get; } = Path.GetFullPath(root);

    private string PathOf(string key)
    {
        var path = Path.GetFullPath(Path.Combine(Root, key));
        // Keys are ours, but a path outside the root must never be touched whatever a key holds.
        if (!path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)) throw new ArgumentException("key leaves the storage folder", nameof(key));
        return path;
    }

    public async Task PutAsync(string key, byte[] content, string contentType, CancellationToken ct)
    {
        var path = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // Written beside and moved into place: a reader never sees half a file.
        var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
        await File.WriteAllBytesAsync(temporary, content, ct);
        File.Move(temporary, path, overwrite: true);
    }

    public Task<Stream?> OpenAsync(string key, CancellationToken ct)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return Task.FromResult<Stream?>(null);
        return Task.FromResult<Stream?>(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, useAsync: true));
    }

    public Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken ct)
    {
        foreach (var key in keys)
        {
            var path = PathOf(key);
            // Two sweepers (instances, or a pass and the next one) may delete the same files at once: what the other one already
            // removed is not an error.
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (DirectoryNotFoundException)
            {
            }
            // Empty folders of the attachment and the conversation go too.
            for (var dir = Path.GetDirectoryName(path); dir is not null && dir.Length > Root.Length; dir = Path.GetDirectoryName(dir))
            {
                try
                {
                    if (!Directory.Exists(dir) || Directory.EnumerateFileSystemEntries(dir).Any()) break;
                    Directory.Delete(dir);
                }
                catch (Exception ex) when (ex is DirectoryNotFoundException or IOException)
                {
                    break; // gone already, or a file arrived meanwhile
                }
            }
        }
        return Task.CompletedTask;
    }
}
