using System.Text.RegularExpressions;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// The id under which the bot keeps a conversation (turn lock, reference, handoff record, transcript): channel and
/// conversation together, as the Bot Framework keys its state. A conversation id alone is chosen by whoever posts to
/// /api/messages, so without the channel an Emulator caller could name a Direct Line shopper's conversation.
/// The embedded Direct Line keeps its bare ids (what the dashboard has always shown): they are minted by this
/// server and never contain ':'; every other channel's id is prefixed with "channelId:", so the two never meet.
/// </summary>
public static partial class ConversationKey
{
    /// <summary>The embedded channel's id (the one that keeps bare conversation ids).</summary>
    public const string EmbeddedChannelId = "directline";

    /// <summary>Channel ids accepted from /api/messages: the Bot Framework's are short lower-case words ("msteams", "emulator").</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex ChannelIdPattern();

    public static bool IsValidChannelId(string? channelId) => channelId is not null && ChannelIdPattern().IsMatch(channelId);

    public static string For(string? channelId, string conversationId) =>
        string.Equals(channelId, EmbeddedChannelId, StringComparison.Ordinal) ? conversationId : $"{channelId ?? "unknown"}:{conversationId}";

    /// <summary>The key of the activity's conversation.</summary>
    public static string Of(Activity activity) =>
        For(activity.ChannelId, activity.Conversation?.Id ?? throw new ArgumentException("activity.conversation.id is required"));

    public static string Of(ConversationReference reference) =>
        For(reference.ChannelId, reference.Conversation?.Id ?? throw new ArgumentException("reference.conversation.id is required"));
}
