using ChatSupport.Bot.Routing.Intent;

namespace ChatSupport.Bot.Tests.Routing.Intent;

public class IntentClassifierTests
{
    private static readonly IReadOnlyList<IntentExample> HeldOut = IntentCorpus.HeldOut(IntentCorpus.Shipped).ToList();

    [Fact]
    public void HeldOutPartIsAboutFifteenPercentAndNeverTrainedOn()
    {
        var share = (double)HeldOut.Count / IntentCorpus.Shipped.Count;
        Assert.InRange(share, 0.10, 0.20);
        Assert.Equal(IntentCorpus.Shipped.Count - HeldOut.Count, IntentClassifier.Shared.TrainedOn);
        Assert.All(ShopperIntentNames.All, intent => Assert.True(HeldOut.Count(e => e.Intent == intent) >= 30, $"too few held-out {intent}"));
    }

    [Fact]
    public void ClassifiesHeldOutMessagesOfEveryClassAndBothScripts()
    {
        var results = HeldOut.Select(e => (e, Predicted: IntentClassifier.Shared.Predict(e.Text).Top)).ToList();
        Assert.True(Accuracy(results) >= 0.90, $"held-out accuracy {Accuracy(results):P1}");
        foreach (var intent in ShopperIntentNames.All)
        {
            var recall = Accuracy(results.Where(r => r.e.Intent == intent).ToList());
            Assert.True(recall >= 0.70, $"{intent} recall {recall:P1}");
        }
        foreach (var script in new[] { "simplified", "traditional" })
        {
            var accuracy = Accuracy(results.Where(r => r.e.Script == script).ToList());
            Assert.True(accuracy >= 0.85, $"{script} accuracy {accuracy:P1}");
        }
    }

    // Written for this test (none is in the corpus): the same product and symptom as the shopper's own item and as a
    // general how-to or is-it-normal question, across store types and both scripts.
    public static TheoryData<string, ShopperIntent> OwnCaseAndGeneralPairs => new()
    {
        { "我家的榨汁机才榨了三次 刀头就不转了", ShopperIntent.AfterSales },
        { "榨汁机刀头不转一般是什么原因", ShopperIntent.Question },
        { "收到的卫衣袖子上有个洞", ShopperIntent.AfterSales },
        { "卫衣洗了会不会起球 怎么洗比较好", ShopperIntent.Question },
        { "刚拆的眼霜里面是空的 挤不出来", ShopperIntent.AfterSales },
        { "眼霜开封以后能用多久", ShopperIntent.Question },
        { "我買的行李箱輪子已經斷了 才用一次", ShopperIntent.AfterSales },
        { "行李箱輪子要怎麼保養", ShopperIntent.Question },
        { "狗窝到手就一股刺鼻的味道 晾了三天还在", ShopperIntent.AfterSales },
        { "新狗窝有味道的话要晾几天", ShopperIntent.Question },
    };

    [Theory]
    [MemberData(nameof(OwnCaseAndGeneralPairs))]
    public void TellsTheShoppersOwnCaseFromTheGeneralQuestion(string text, ShopperIntent expected)
    {
        var scores = IntentClassifier.Shared.Predict(text);
        Assert.True(scores.Top == expected, $"{text}: {scores}");
    }

    [Fact]
    public void AModelTrainedOnShuffledLabelsFailsTheSameFloor()
    {
        // The floor above must be able to fail: the same features with the labels shuffled learn nothing.
        var training = IntentCorpus.Training(IntentCorpus.Shipped).ToList();
        var random = new Random(7);
        var labels = training.Select(e => e.Intent).OrderBy(_ => random.Next()).ToList();
        var shuffled = IntentClassifier.Train(training.Select((e, i) => e with { Intent = labels[i] }), new IntentTrainingOptions { MaximumIterations = 60 });
        var accuracy = Accuracy(HeldOut.Select(e => (e, shuffled.Predict(e.Text).Top)).ToList());
        Assert.True(accuracy < 0.5, $"shuffled-label accuracy {accuracy:P1}");
    }

    [Fact]
    public void TrainingIsDeterministic()
    {
        var sample = IntentCorpus.Training(IntentCorpus.Shipped).Where((_, i) => i % 8 == 0).ToList();
        var a = IntentClassifier.Train(sample);
        var b = IntentClassifier.Train(sample);
        foreach (var e in HeldOut.Take(50))
            Assert.Equal(a.Predict(e.Text).ToString(), b.Predict(e.Text).ToString());
    }

    [Fact]
    public void ScoresFromManyThreadsAtOnceAsFromOne()
    {
        var texts = HeldOut.Select(e => e.Text).ToList();
        var sequential = texts.Select(t => IntentClassifier.Shared.Predict(t).ToString()).ToList();
        var parallel = new string[texts.Count];
        Parallel.For(0, texts.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => parallel[i % texts.Count] = IntentClassifier.Shared.Predict(texts[i % texts.Count]).ToString());
        Assert.Equal(sequential, parallel);
    }

    [Fact]
    public void ProbabilitiesAreADistribution()
    {
        var scores = IntentClassifier.Shared.Predict("转人工");
        Assert.Equal(1.0, ShopperIntentNames.All.Sum(i => scores[i]), 6);
        Assert.Equal(ShopperIntent.Human, scores.Top);
    }

    private static double Accuracy(IReadOnlyList<(IntentExample e, ShopperIntent Predicted)> results) =>
        results.Count == 0 ? 0 : (double)results.Count(r => r.e.Intent == r.Predicted) / results.Count;
}
