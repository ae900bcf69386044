namespace ChatSupport.Bot.Protocol;

/// <summary>
/// Where a turn's replies go: the Connector API v3 at the activity's serviceUrl (Emulator, Azure),
/// the embedded Direct Line channel in-process, or a buffer for deliveryMode expectReplies.
/// </summary>
public interface IChannelConnector
{
    /// <summary>Sends an activity into its conversation; returns the id the channel assigned.</summary>
    Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken);
}
