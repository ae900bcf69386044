namespace ChatSupport.Bot.Knowledge;

/// <summary>
/// Gives the memory a large load used back to the system. Building the index allocates far more than the finished
/// snapshot holds (every load rebuilds the whole index, ~150 KB of garbage per FAQ), and Server GC keeps the memory
/// it committed for that burst: after loading 10,000 FAQ files it had 390 MB committed for a 105 MB heap, so the bot
/// ran with a working set several times its live data for good. Once the new snapshot has replaced the old one, a
/// snapshot of at least <see cref="AggressiveCollectionFaqs"/> FAQs is followed by one aggressive full collection
/// (<see cref="GCCollectionMode.Aggressive"/>: compacts and decommits what is free). The trigger is the folder's size,
/// not the bytes allocated (process-wide, they would count traffic too), so the same folder always does the same.
/// Small folders never pay for it; a large one pays one blocking collection of the live heap per load, and loads are
/// rare (start-up and edits).
/// </summary>
public static class LoadGarbage
{
    /// <summary>FAQs from which a load's garbage is returned at once (about 300 MB of it).</summary>
    public const int AggressiveCollectionFaqs = 2_000;

    /// <summary>Call once the snapshot is the one being served (the previous one no longer referenced). True when it collected.</summary>
    public static bool ReturnAfter(KnowledgeSnapshot served, int threshold = AggressiveCollectionFaqs)
    {
        if (served.Entries.Count < threshold) return false;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        return true;
    }
}
