namespace ChatSupport.HandoffContract.Keys;

/// <summary>Redis keys of the bot's out-of-hours auto-reply (bot/Handoff/OutOfHoursReply).</summary>
public static class OutOfHoursKeys
{
    /// <summary>
    /// String with a TTL, set once (SET NX) when the out-of-hours notice went to a conversation on one local day of
    /// the store (yyyyMMdd in Handoff:TimeZone): the notice goes once per conversation per day.
    /// </summary>
    public static string NoticeSent(string conversationId, DateOnly localDay) =>
        HandoffKeys.Prefix + HashTags.Conversation(conversationId) + ":bot:out-of-hours:" +
        localDay.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
}
