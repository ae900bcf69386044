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
        var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await buffer.DisposeAsync();
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        buffer.Position = 0;
        return buffer;
    }
}
