using ChatSupport.Bot.Knowledge;

namespace ChatSupport.Bot.Tests.Knowledge;

public class LoadGarbageTests
{
    [Fact]
    public async Task ASmallFolderIsNotFollowedByAFullCollection()
    {
        using var kb = new KnowledgeFolder();
        var snapshot = await kb.LoadAsync();
        Assert.True(snapshot.Entries.Count < LoadGarbage.AggressiveCollectionFaqs);
        Assert.False(LoadGarbage.ReturnAfter(snapshot));
        Assert.True(snapshot.AllocatedBytes > 0);
    }

    [Fact]
    public async Task AFolderAtTheThresholdIsCollectedAggressively()
    {
        using var kb = new KnowledgeFolder();
        var snapshot = await kb.LoadAsync();
        var fullCollections = GC.CollectionCount(GC.MaxGeneration);
        Assert.True(LoadGarbage.ReturnAfter(snapshot, threshold: snapshot.Entries.Count));
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > fullCollections);
    }
}
