using ChatSupport.Bot.Knowledge.Normalization;

namespace ChatSupport.Bot.Tests.Knowledge;

public class ChineseNormalizerTests
{
    public static TheoryData<string, string> TraditionalPairs()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Knowledge", "trad-simp-pairs.tsv")))
        {
            if (line.StartsWith('#') || line.Length == 0) continue;
            var parts = line.Split('\t');
            data.Add(parts[0], parts[1]);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(TraditionalPairs))]
    public void FoldsTraditionalToSimplifiedLikeOpenCc(string traditional, string simplified) =>
        Assert.Equal(simplified, TraditionalToSimplified.Shared.Convert(traditional));

    [Fact]
    public void PairFileHasSeveralHundredPairs() => Assert.True(TraditionalPairs().Count >= 300);

    [Fact]
    public void TableIsARealConversionTableNotAShortList()
    {
        Assert.True(TraditionalToSimplified.Shared.CharacterCount > 2500, $"only {TraditionalToSimplified.Shared.CharacterCount} characters");
        Assert.True(TraditionalToSimplified.Shared.PhraseCount > 500);
    }

    [Theory]
    [InlineData("怎么办")]
    [InlineData("什么时候发货")]
    [InlineData("呼叫人工")]
    [InlineData("羽绒服几天到")]
    [InlineData("收到就是摔坏的 盒子也打坏了")]
    public void LeavesSimplifiedTextUnchanged(string simplified) =>
        Assert.Equal(simplified, TraditionalToSimplified.Shared.Convert(simplified));

    /// <summary>Traditional phrases with no traditional-only character (回覆, 瞭解, 藉口) still fold: 覆, 瞭 and 藉 are also simplified characters.</summary>
    [Theory]
    [InlineData("等了兩天都沒人回覆", "等了两天都没人回复")]
    [InlineData("我想瞭解一下保固", "我想了解一下保固")]
    [InlineData("不要找藉口", "不要找借口")]
    [InlineData("問題重覆出現", "问题重复出现")]
    public void FoldsTraditionalPhrasesMadeOfCharactersThatAreAlsoSimplified(string traditional, string simplified) =>
        Assert.Equal(simplified, TraditionalToSimplified.Shared.Convert(traditional));

    [Fact]
    public void FoldsFullWidthCaseAndPunctuation() =>
        Assert.Equal("xl码有货吗", ChineseNormalizer.Normalize("ＸＬ碼有貨嗎？！").Folded);

    [Fact]
    public void RemovesEmojiAndPunctuation() =>
        Assert.Equal("包邮吗", ChineseNormalizer.Normalize("包邮吗😊😊！！～").Content);

    [Theory]
    [InlineData("亲 在吗 请问包邮吗", "包邮吗")]
    [InlineData("你好呀，请问一下发什么快递呢", "发什么快递")]
    [InlineData("哈喽 亲亲 几天能到啊", "几天能到")]
    public void DropsGreetingsFillersAndParticles(string raw, string content) =>
        Assert.Equal(content, ChineseNormalizer.Normalize(raw).Content);

    [Theory]
    [InlineData("好的 那几天能到", "那几天能到")]
    [InlineData("嗯嗯好的", "")]
    [InlineData("冲好的奶能放多久", "冲好的奶能放多久")]
    [InlineData("包装好的吗", "包装好的吗")]
    public void AnOkIsAFillerOnlyAsAReplyOfItsOwn(string raw, string content) =>
        Assert.Equal(content, ChineseNormalizer.Normalize(raw).Content);

    [Fact]
    public void GreetingOnlyBecomesEmpty()
    {
        Assert.True(ChineseNormalizer.Normalize("在吗 有人吗").IsEmpty);
        Assert.True(ChineseNormalizer.Normalize("您好～").IsEmpty);
        Assert.True(ChineseNormalizer.Normalize("😀😀😀").IsEmpty);
        Assert.True(ChineseNormalizer.Normalize("").IsEmpty);
        Assert.True(ChineseNormalizer.Normalize(null).IsEmpty);
    }

    [Fact]
    public void MasksOrderPhoneAndTrackingNumbers()
    {
        var text = ChineseNormalizer.Normalize("订单号3901928374651029384 电话13812345678 单号YT3829104756");
        Assert.True(text.HasOrderNumber);
        Assert.True(text.HasPhoneNumber);
        Assert.True(text.HasTrackingNumber);
        Assert.DoesNotContain("3901928374651029384", text.Folded);
        Assert.DoesNotContain("13812345678", text.Folded);
        Assert.Contains(ChineseNormalizer.OrderNumberToken, text.Folded);
    }

    [Theory]
    [InlineData("付款了 订单号3901928374651029384 今天能发吗", "付款了 ordernumber 今天能发吗")]
    [InlineData("订单：3901928374651029384 什么时候发货", "ordernumber 什么时候发货")]
    [InlineData("我的手机号是13812345678 帮我查下", "我的 phonenumber 帮我查下")]
    [InlineData("快递单号3901928374651029384 查不到", "快递单号 ordernumber 查不到")]
    public void DropsTheLabelOfAMaskedOrderOrPhoneNumberButKeepsTrackingLabels(string raw, string content)
    {
        Assert.Equal(content, ChineseNormalizer.Normalize(raw).Content);
    }

    [Theory]
    [InlineData("老板，这个有货吗", "这个有货吗")]
    [InlineData("请问老板 发什么快递", "发什么快递")]
    [InlineData("你们老板是谁", "你们老板是谁")]
    [InlineData("宝 包邮吗", "包邮吗")]
    [InlineData("宝子们 今天能发吗", "今天能发吗")]
    [InlineData("亲爱哒 有运费险吗", "有运费险吗")]
    [InlineData("宝宝能用吗", "宝宝能用吗")]
    [InlineData("宝贝什么时候发", "宝贝什么时候发")]
    public void RemovesFormsOfAddressButNotTheSameWordInsideTheQuestion(string raw, string content)
    {
        Assert.Equal(content, ChineseNormalizer.Normalize(raw).Content);
    }

    [Fact]
    public void TreatsHtmlAsNoise()
    {
        var text = ChineseNormalizer.Normalize("<script>alert(1)</script>包邮吗<b>?</b>");
        Assert.DoesNotContain("<", text.Folded);
        Assert.Contains("包邮吗", text.Content);
    }

    [Fact]
    public void TruncatesVeryLongMessagesForMatching()
    {
        var text = ChineseNormalizer.Normalize("包邮吗" + new string('啊', 10_000));
        Assert.True(text.WasTruncated);
        Assert.True(text.Folded.Length <= ChineseNormalizer.MaxMatchLength);
    }

    [Fact]
    public void SynonymsFoldToTheCanonicalTermLongestFirst()
    {
        var found = new List<string>();
        var folded = SynonymTable.BuiltIn.Apply("物流几天到 免运吗", found);
        Assert.Equal("快递多久到 包邮吗", folded);
        Assert.Equal(["快递", "多久", "包邮"], found);
    }

    [Theory]
    [InlineData("肿么用", "怎么用")]
    [InlineData("咋么退", "怎么退")]
    [InlineData("发神马快递", "发什么快递")]
    [InlineData("莫得优惠券", "没有优惠券")]
    public void ChatSpellingsOfQuestionWordsFoldToTheStandardWord(string message, string folded) =>
        Assert.Equal(folded, SynonymTable.BuiltIn.Apply(ChineseNormalizer.Normalize(message).Content));

    [Fact]
    public void ASynonymMatchDoesNotCutALongerVariantOffItsWord()
    {
        // 怎么收 (how is it charged) + 合 would take the 收 of 收合 (Taiwan: fold); the shorter 怎么 lets 收合 be read whole.
        var table = new SynonymTable([["多少", "怎么收"], ["怎么", "咋"], ["折叠", "收合"]]);
        Assert.Equal("怎么折叠", table.Apply("怎么收合"));
        Assert.Equal("运费多少", table.Apply("运费怎么收"));
        var found = new List<string>();
        Assert.EndsWith("怎么收纳", SynonymTable.BuiltIn.Apply(ChineseNormalizer.Normalize("這台推車要怎麼收合？").Content, found));
        Assert.DoesNotContain("多少", found);
    }

    [Fact]
    public void CantoneseAndTaiwanWordingFoldsToMandarin()
    {
        Assert.Equal("你们发货一般用哪家快递", SynonymTable.BuiltIn.Apply(ChineseNormalizer.Normalize("你哋出貨一般用邊間快遞").Content));
    }
}
