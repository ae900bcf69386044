using System.Buffers;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// Reads a request body up to a size limit whether or not it declared its length: a chunked body has no
/// Content-Length to check up front, so the limit is enforced on what actually arrives.
/// </summary>
public static class LimitedBody
{
    /// <returns>The whole body, or null when it is (or says it is) larger than <paramref name="maxBytes"/>.</returns>
    public static async Task<MemoryStream?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes) return null;
        // Sized for the declared length (a chat message is a few hundred bytes), and the read chunk is borrowed: a new
        // 8 KB chunk and a growing stream per request were a large part of what one turn allocated.
        var buffer = new MemoryStream(request.ContentLength is { } declared ? (int)declared : 0);
        var chunk = ArrayPool<byte>.Shared.Rent(8192);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk.AsMemory(0, 8192), cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    await buffer.DisposeAsync();
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        buffer.Position = 0;
        return buffer;
    }
}
