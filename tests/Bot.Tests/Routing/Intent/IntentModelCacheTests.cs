using ChatSupport.Bot.Routing.Intent;

namespace ChatSupport.Bot.Tests.Routing.Intent;

public sealed class IntentModelCacheTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "intent-cache-test-" + Guid.NewGuid().ToString("N"));
    private static readonly List<IntentExample> Sample = IntentCorpus.Training(IntentCorpus.Shipped).Where((_, i) => i % 10 == 0).ToList();
    private static readonly IntentTrainingOptions Quick = new() { MaximumIterations = 40 };

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public void ACachedModelScoresExactlyAsTheTrainedOne()
    {
        var trained = IntentClassifier.Train(Sample, Quick, _folder);
        Assert.False(trained.FromCache);
        Assert.Single(Directory.GetFiles(_folder, "intent-model-*.bin"));

        var cached = IntentClassifier.Train(Sample, Quick, _folder);
        Assert.True(cached.FromCache);
        Assert.Equal(trained.FeatureCount, cached.FeatureCount);
        foreach (var e in IntentCorpus.HeldOut(IntentCorpus.Shipped).Take(80))
            Assert.Equal(trained.Predict(e.Text).ToString(), cached.Predict(e.Text).ToString());
    }

    [Fact]
    public void AnotherCorpusOrOtherSettingsTrainAfresh()
    {
        IntentClassifier.Train(Sample, Quick, _folder);
        var relabelled = Sample.Select((e, i) => i == 0 ? e with { Intent = e.Intent == ShopperIntent.Human ? ShopperIntent.Question : ShopperIntent.Human } : e);
        Assert.False(IntentClassifier.Train(relabelled, Quick, _folder).FromCache);
        Assert.False(IntentClassifier.Train(Sample, Quick with { L2Regularization = 0.02f }, _folder).FromCache);
        Assert.Equal(3, Directory.GetFiles(_folder, "intent-model-*.bin").Length);
    }

    [Fact]
    public void ATruncatedOrForeignFileIsIgnoredAndReplaced()
    {
        var trained = IntentClassifier.Train(Sample, Quick, _folder);
        var file = Directory.GetFiles(_folder, "intent-model-*.bin").Single();
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length / 2)]);

        var again = IntentClassifier.Train(Sample, Quick, _folder);
        Assert.False(again.FromCache);
        Assert.Equal(bytes, File.ReadAllBytes(file)); // written again, identical: training is deterministic
        File.WriteAllText(file, "not a model");
        Assert.False(IntentClassifier.Train(Sample, Quick, _folder).FromCache);
        Assert.Equal(trained.Predict("转人工").ToString(), again.Predict("转人工").ToString());
    }

    [Fact]
    public void TheDefaultFolderIsOneOfTheBuildsOwnUnderTheTemporaryDirectory()
    {
        var one = IntentModelCache.DefaultFolder("/work/a/bot/bin/Release/net10.0/");
        var other = IntentModelCache.DefaultFolder("/work/b/bot/bin/Release/net10.0/");
        Assert.NotEqual(one, other);
        Assert.Equal(one, IntentModelCache.DefaultFolder("/work/a/bot/bin/Release/net10.0/"));
        Assert.StartsWith(Path.Combine(Path.GetTempPath(), "chatsupport-intent-model"), one);
    }

    [Fact]
    public void WithoutAFolderNothingIsWritten()
    {
        var model = IntentClassifier.Train(Sample, Quick);
        Assert.False(model.FromCache);
        Assert.False(Directory.Exists(_folder));
    }
}
