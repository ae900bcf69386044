using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Knowledge.Segmentation;
using ChatSupport.Bot.Tests.Knowledge;

namespace ChatSupport.Bot.Tests.Knowledge.Segmentation;

public class WordSegmenterTests
{
    private static readonly JiebaLexicon Lexicon = JiebaLexicon.Shared;

    [Fact]
    public void CutsGeneralWordsWithJiebasDictionary()
    {
        var words = new WordSegmenter(Lexicon, []).Cut("快递几天能到 退货要运费吗");
        Assert.Contains("快递", words);
        Assert.Contains("退货", words);
        Assert.Contains("运费", words);
        Assert.True(Lexicon.Count > 300_000, $"jieba's dictionary should have ~350k words, has {Lexicon.Count}");
    }

    [Fact]
    public void StoreTermsJoinTheDictionary()
    {
        // A made-up product name: the general dictionary splits it, the store's terms keep it whole.
        const string text = "澜舟酷主机可以水洗吗";
        Assert.DoesNotContain("澜舟酷", new WordSegmenter(Lexicon, []).Cut(text));
        var store = new WordSegmenter(Lexicon, ["澜舟酷"]);
        Assert.Contains("澜舟酷", store.Cut(text));
        Assert.True(store.IsStoreTerm("澜舟酷"));
        Assert.Equal(1.0, store.Informativeness("澜舟酷"));
    }

    [Fact]
    public void FindsUnknownNamesInQuestions()
    {
        var found = WordSegmenter.UnknownWords(Lexicon, "澜舟酷主机可以水洗吗", c => "的了吗可以".Contains(c)).ToList();
        Assert.Contains(found, w => w.Contains("澜舟"));
    }

    [Fact]
    public void EverydayWordsWeighLessThanShopWords()
    {
        var segmenter = new WordSegmenter(Lexicon, []);
        Assert.True(segmenter.Informativeness("时候") < 0.3);
        Assert.True(segmenter.Informativeness("知道") < 0.3);
        Assert.True(segmenter.Informativeness("退货") > 0.9);
        Assert.True(segmenter.Informativeness("发票") > 0.8);
    }

    [Fact]
    public void CilinSynonymsShareAGroupAndCanBeLimitedToTheKnowledgesGroups()
    {
        var segmenter = new WordSegmenter(Lexicon, []);
        // Cilin "=" line Bp19A05: 发票 发单.
        var shared = segmenter.SynonymGroupsOf("发票").Intersect(segmenter.SynonymGroupsOf("发单")).ToList();
        Assert.NotEmpty(shared);
        var limited = segmenter.WithSynonymGroups(["Zz99Z99"]);
        Assert.Empty(limited.SynonymGroupsOf("发票"));
        Assert.Equal(shared, segmenter.WithSynonymGroups(shared).SynonymGroupsOf("发单").ToList());
    }

    [Fact]
    public async Task TheIndexSegmentsMessagesWithTheFoldersOwnTerms()
    {
        using var kb = new KnowledgeFolder(withSampleFaqs: false);
        kb.Write("product/lanzhou.md", KnowledgeFolder.Faq("澜舟酷怎么清洗？", ["澜舟酷能水洗吗"], ["澜舟酷", "清洗"], "用湿布擦拭，不要整机水洗。"));
        kb.Write("shipping/courier.md", KnowledgeFolder.Faq("发什么快递？", ["默认哪家快递"], ["快递"], "默认发中通。"));
        var snapshot = await kb.LoadAsync();
        var segmenter = snapshot.Index.Segmenter;
        Assert.True(segmenter.IsStoreTerm("澜舟酷"));
        Assert.Contains("澜舟酷", segmenter.Cut(ChineseNormalizer.Normalize("我的瀾舟酷髒了").Content));
        // Only the Cilin groups some FAQ uses are kept for messages.
        Assert.All(segmenter.SynonymGroupsOf("人物"), g => Assert.True(snapshot.Index.Postings.ContainsKey("S" + g)));
    }
}
