using ChatSupport.Bot.Knowledge.Matching;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Knowledge.Segmentation;
using ChatSupport.Bot.Tests.Knowledge;

namespace ChatSupport.Bot.Tests.Knowledge.Matching;

/// <summary>
/// A shopper's city or country (jieba's <c>ns</c> words) is one shared place feature: an FAQ whose text names places
/// (delivery times by region, the remote-area list) matches a city it never names (issue 10, class 6 / brief class 4).
/// </summary>
public class PlaceNamesTests
{
    [Theory]
    [InlineData("福州")]
    [InlineData("新疆")]
    [InlineData("澳门")]
    [InlineData("加拿大")]
    public void TheDictionaryTagsCitiesProvincesAndCountries(string place) => Assert.True(JiebaLexicon.Shared.IsPlaceName(place));

    [Theory]
    [InlineData("京东")] // a rare ns entry (an old place name), today the retailer
    [InlineData("快递")]
    [InlineData("宝宝")]
    public void OtherWordsAreNoPlaces(string word) => Assert.False(JiebaLexicon.Shared.IsPlaceName(word));

    private static KnowledgeFolder Shop()
    {
        var kb = new KnowledgeFolder(withSampleFaqs: false);
        kb.Write("shipping/delivery-time.md", KnowledgeFolder.Faq("发货后几天能到？", ["寄到北京要几天", "快递多久到"], ["到货时间"],
            "江浙沪 1–2 天，广东、四川等其他省份 2–4 天。"));
        kb.Write("shipping/dispatch-time.md", KnowledgeFolder.Faq("下单后多久发货？", ["什么时候发货", "今天能发吗"], ["发货时间"], "下午四点前下单当天发出。"));
        kb.Write("product/kettle.md", KnowledgeFolder.Faq("水壶第一次怎么用？", ["新水壶要先煮几次吗"], ["水壶"], "先煮两次清水倒掉。"));
        return kb;
    }

    [Fact]
    public async Task ACityNoFaqNamesStillPointsToTheFaqThatNamesPlaces()
    {
        using var kb = Shop();
        var snapshot = await kb.LoadAsync();
        var candidates = FaqMatcher.Match(snapshot.Index, ChineseNormalizer.Normalize("寄去昆明通常几天").Content, 3, new MatcherWeights(), withEvidence: true);
        Assert.Equal("shipping/delivery-time", candidates[0].Faq.Id);
        Assert.Contains(candidates[0].Evidence, e => e.StartsWith("a place name", StringComparison.Ordinal));
        Assert.DoesNotContain(candidates.Skip(1), c => c.Evidence.Any(e => e.StartsWith("a place name", StringComparison.Ordinal)));
    }

    [Fact]
    public void APlaceIsOneSharedFeatureAndItsCharactersCountLittle()
    {
        var segmenter = new WordSegmenter(JiebaLexicon.Shared, []);
        var features = TextFeatures.Extract("寄去昆明", new SynonymTable([]), null, out _, segmenter: segmenter);
        Assert.Equal(1.0, features[TextFeatures.PlaceKey]);
        Assert.True(features["B昆明"] < 1.0);
        Assert.Equal(1.0, features["U寄"]);
    }
}
