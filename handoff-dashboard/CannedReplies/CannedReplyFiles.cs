using ChatSupport.HandoffContract;
using StackExchange.Redis;
using ContractKeys = ChatSupport.HandoffContract.Keys.CannedReplyKeys;

namespace ChatSupport.HandoffDashboard.CannedReplies;

/// <summary>The outcome of checking a file for a canned reply: the content type to keep, or why it was refused (a Chinese message).</summary>
public sealed record CannedFileCheck(string? ContentType, int Status, string? Problem);

/// <summary>
/// The bytes of the files canned replies carry (one Redis string per item), and the first check of a new one: size, and kind by
/// content (JPEG, PNG, WebP, HEIC or PDF, agreeing with the name and declared type). The bot decodes and cleans the file again when
/// an agent sends it into a chat, as it does for any agent file.
/// </summary>
public sealed class CannedReplyFiles(IConnectionMultiplexer redis)
{
    public static CannedFileCheck Check(ReadOnlySpan<byte> content, string? name, string? declaredType, int maxBytes)
    {
        if (content.Length == 0) return new(null, 400, "请选择要附带的图片或 PDF。");
        if (content.Length > maxBytes) return new(null, 413, $"附件太大，最大 {maxBytes / 1_000_000.0:0.#} MB。");
        var kind = FileSignature.Detect(content);
        var claimed = FileSignature.Claimed(name, declaredType);
        if (kind == FileKind.Unknown || FileSignature.ClaimsSomethingElse(name, declaredType) || (claimed != FileKind.Unknown && claimed != kind))
            return new(null, 415, "只能附带图片（JPG、PNG、WebP、HEIC）或 PDF，且文件内容要与扩展名一致。");
        return new(kind switch
        {
            FileKind.Jpeg => "image/jpeg",
            FileKind.Png => "image/png",
            FileKind.WebP => "image/webp",
            FileKind.Heic => "image/heic",
            _ => "application/pdf",
        }, 200, null);
    }

    /// <summary>A name safe to keep and show: no folders, no control characters, at most 100 characters.</summary>
    public static string CleanName(string? name, string contentType)
    {
        var file = Path.GetFileName((name ?? "").Replace('\\', '/'));
        file = new string(file.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (file.Length > 100) file = file[^100..];
        return file.Length > 0 ? file : contentType == "application/pdf" ? "附件.pdf" : "图片.jpg";
    }

    public Task SaveAsync(string itemId, byte[] content) => redis.GetDatabase().StringSetAsync(ContractKeys.Attachment(itemId), content);

    public async Task<byte[]?> LoadAsync(string itemId) => (byte[]?)await redis.GetDatabase().StringGetAsync(ContractKeys.Attachment(itemId));

    public Task DeleteAsync(string itemId) => redis.GetDatabase().KeyDeleteAsync(ContractKeys.Attachment(itemId));
}
