namespace ChatSupport.HandoffContract.Keys;

/// <summary>Redis keys of follow-up programmes (dashboard feature FollowUps). One programme's keys share <c>{programme:&lt;id&gt;}</c>.</summary>
public static class ProgrammeKeys
{
    private static string Tag(string id) => $"{HandoffKeys.Prefix}follow-up-programme:{{programme:{id}}}";

    /// <summary>Hash: the programme (name, group, created by/at, counts).</summary>
    public static string Programme(string id) => Tag(id);

    /// <summary>List: the follow-up ids the programme created, in creation order.</summary>
    public static string FollowUps(string id) => Tag(id) + ":follow-ups";

    /// <summary>Sorted set of programme ids by creation time (ms).</summary>
    public const string All = HandoffKeys.Prefix + "follow-up-programmes:{programmes}:by-created";

    /// <summary>Counter for programme ids.</summary>
    public const string Sequence = HandoffKeys.Prefix + "follow-up-programmes:{programmes}:seq";
}
