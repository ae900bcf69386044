using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing.Intent;

namespace ChatSupport.Bot.Tests.Routing.Intent;

// Phrasings written for these tests (a kitchen, a shoe and an audio shop), not taken from any evaluation set.
public class IntentFeaturesTests
{
    private static OwnCaseCues Cues(string text) => IntentFeatures.CuesOf(ChineseNormalizer.Normalize(text).Folded);

    [Theory]
    [InlineData("我的煎锅才用了两次就粘锅")]
    [InlineData("收到的靴子鞋跟是歪的")]
    [InlineData("音箱已经不出声")]
    [InlineData("昨天到的 盖子拧不紧")]
    [InlineData("我買的煎鍋塗層掉了")]
    public void ThePointerToTheShoppersOwnItemIsACue(string text) =>
        Assert.True((Cues(text) & (OwnCaseCues.OwnCase | OwnCaseCues.TimeSinceDelivery)) != 0, Cues(text).ToString());

    [Theory]
    [InlineData("才穿三天")]
    [InlineData("用了一个月")]
    [InlineData("收到两周")]
    [InlineData("洗了一次")]
    public void ATimeSinceDeliveryIsItsOwnCue(string text) =>
        Assert.True(Cues(text).HasFlag(OwnCaseCues.TimeSinceDelivery), Cues(text).ToString());

    [Theory]
    [InlineData("煎锅粘锅一般怎么处理")]
    [InlineData("新靴子有味道正常吗")]
    [InlineData("音箱没声音的话先检查什么")]
    [InlineData("鞋跟磨損了要點樣保養")]
    public void AHowToOrIsItNormalQuestionIsAGeneralCueWithoutAnOwnCase(string text)
    {
        var cues = Cues(text);
        Assert.True(cues.HasFlag(OwnCaseCues.GeneralQuestion), cues.ToString());
        Assert.False(cues.HasFlag(OwnCaseCues.OwnCase), cues.ToString());
    }

    [Theory]
    [InlineData("音箱不响了")]
    [InlineData("盖子坏了")]
    public void AFaultToldAsAnOutcomeIsACue(string text) => Assert.True(Cues(text).HasFlag(OwnCaseCues.OutcomeTold), Cues(text).ToString());

    [Fact]
    public void TheOwnCaseAndTheGeneralQuestionGetDifferentCueFeatures()
    {
        // Same product and symptom, one the shopper's own item, one a general question: the combination features differ,
        // so the model can weigh the difference even where the words are ones it has not seen.
        var own = Features("我的煎锅才用两次就粘锅");
        var general = Features("煎锅粘锅怎么处理");
        var onlyOwn = own.Except(general).ToHashSet();
        var onlyGeneral = general.Except(own).ToHashSet();
        Assert.NotEmpty(onlyOwn);
        Assert.NotEmpty(onlyGeneral);
        Assert.Equal(Features("我的煎锅才用两次就粘锅"), own);
    }

    private static HashSet<ulong> Features(string text)
    {
        var set = new HashSet<ulong>();
        IntentFeatures.Extract(ChineseNormalizer.Normalize(text), ref set, static (ref HashSet<ulong> s, ulong f) => s.Add(f));
        return set;
    }

    [Theory]
    [InlineData("茶叶快喝完了 能发顺丰吗")]
    [InlineData("洗衣液快要用完了")]
    public void SomethingAboutToHappenIsNotAnOutcome(string text) => Assert.False(Cues(text).HasFlag(OwnCaseCues.OutcomeTold), Cues(text).ToString());

    [Fact]
    public void TheCourierIsNotAboutToHappen() => Assert.True(Cues("快递三天没动了").HasFlag(OwnCaseCues.OutcomeTold));

    [Fact]
    public void AnIsItXClauseIsAGeneralQuestion() => Assert.True(Cues("戴久了耳朵疼 是耳套太小吗").HasFlag(OwnCaseCues.GeneralQuestion));

    [Theory]
    [InlineData("煎锅底下一圈黑 拿啥擦")]
    [InlineData("茶盘垫块布行不行")]
    [InlineData("音箱網罩有灰 拿什麼抹")]
    [InlineData("鞋面放洗衣機得唔得")]
    [InlineData("靴子发霉了 有啥办法")]
    public void AskingWhatToUseOrWhetherAUseIsFineIsAGeneralQuestion(string text) =>
        Assert.True(Cues(text).HasFlag(OwnCaseCues.GeneralQuestion), Cues(text).ToString());

    [Theory]
    [InlineData("煎锅烧了十几次")]
    [InlineData("茶壶煮了三回")]
    [InlineData("靴子刷了两次")]
    public void AUseNamedByItsVerbAndCountedIsATimeSinceDelivery(string text) =>
        Assert.True(Cues(text).HasFlag(OwnCaseCues.TimeSinceDelivery), Cues(text).ToString());

    [Theory]
    [InlineData("除垢剂泡了三遍了还是有白印")]
    [InlineData("耳机重置了几次了还是连不上")]
    [InlineData("濾網沖過三遍了還是有味")]
    public void TheUsualStepsDoneAndTheFaultStillThereIsAnOwnCase(string text) =>
        Assert.True(Cues(text).HasFlag(OwnCaseCues.OwnCase), Cues(text).ToString());

    [Theory]
    [InlineData("机器人先别回 茶壶盖子裂了", true)]
    [InlineData("你们的自动回复没用", true)]
    [InlineData("唔好再自動回覆 茶葉寄錯", true)]
    [InlineData("智能客服可以查物流吗", false)]
    [InlineData("有没有人工智能的茶具", false)]
    [InlineData("茶壶盖子裂了", false)]
    public void RefusingTheBotIsItsOwnFeature(string text, bool refuses) =>
        Assert.Equal(refuses, IntentFeatures.RefusesTheBot(EscalationDetector.LexiconView(ChineseNormalizer.Normalize(text))));
}
