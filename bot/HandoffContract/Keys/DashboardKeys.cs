namespace ChatSupport.HandoffContract.Keys;

/// <summary>The dashboard's own single keys: users, handover notes, Data Protection keys, sign-in throttling.</summary>
public static class DashboardKeys
{
    private const string Of = HandoffKeys.Prefix + "dashboard:";

    /// <summary>Hash: user id → user JSON.</summary>
    public const string Users = Of + "users";

    /// <summary>Sorted set: shift handover notes scored by time (ms).</summary>
    public const string HandoverNotes = HandoffKeys.Prefix + "handovers";

    /// <summary>Hash: data-protection key id → key XML, shared so every instance reads every instance's cookies.</summary>
    public const string DataProtectionKeys = Of + "data-protection-keys";

    /// <summary>Failed sign-in counters; the fail script counts user and address at once, hence one tag.</summary>
    public static string SignInFailuresOfUser(string userHash) => Of + "{signin}:failures:user:" + userHash;

    /// <summary>See <see cref="SignInFailuresOfUser"/>.</summary>
    public static string SignInFailuresOfAddress(string addressHash) => Of + "{signin}:failures:address:" + addressHash;
}
