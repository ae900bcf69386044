using ChatSupport.HandoffDashboard.Search;

namespace ChatSupport.HandoffDashboard.Tests.Search;

/// <summary>The index itself (no Redis): segmentation, both scripts, initials, filters and highlighting.</summary>
public sealed class ChineseAnalyzerTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
    private readonly ConversationIndex _index = new();

    public ChineseAnalyzerTests()
    {
        _index.Upsert(Doc("c-refund", "张三丰", "我想申请退款，订单号 A1001", agent: "li", labels: ["退款"], csat: "不满意"));
        _index.Upsert(Doc("c-style", "李四", "这个款式还有红色的吗", agent: "wang"));
        _index.Upsert(Doc("c-courier", "王五", "顺丰快递员一直没来取件", agent: "li", status: "WaitingForAgent"));
        _index.Upsert(Doc("c-traditional", "陳小明", "我要退貨，包裝破損了", agent: "wang", started: T0.AddDays(3)));
        _index.Refresh();
    }

    private static ConversationDocument Doc(string id, string name, string text, string agent, string[]? labels = null, string? csat = null,
        string status = "Closed", DateTimeOffset? started = null)
    {
        var at = started ?? T0;
        return new ConversationDocument(id, status, "cust-" + id, name, "after-sales", at, at.AddMinutes(5), agent, "客服" + agent, [agent],
            labels ?? [], csat, [new SearchLine("bot", "小助手", at, "您好，请问有什么可以帮您？"), new SearchLine("customer", name, at.AddMinutes(1), text)]);
    }

    private IReadOnlyList<string> Find(string q, string? agent = null, string? label = null, string? csat = null, string? onlyFor = null,
        DateTimeOffset? from = null) =>
        _index.Search(new SearchQuery(q, From: from, Agent: agent, Label: label, Csat: csat, OnlyForAgent: onlyFor)).Hits.Select(h => h.ConversationId).ToList();

    [Fact]
    public void WordsAreSegmentedSoAPartOfAnotherWordDoesNotMatch()
    {
        // 退款 (refund) must find the refund chat and not the one about 款式 (style), which shares the character 款.
        Assert.Equal(["c-refund"], Find("退款"));
        Assert.Equal(["c-style"], Find("款式"));
    }

    [Fact]
    public void AWordInsideALongerSegmentedWordIsStillFound()
    {
        // 快递员 is one word for the segmenter; the character-pair field still finds 快递 inside it.
        Assert.Equal(["c-courier"], Find("快递"));
    }

    [Fact]
    public void TraditionalAndSimplifiedFindEachOther()
    {
        Assert.Equal(["c-traditional"], Find("退货"));
        Assert.Equal(["c-traditional"], Find("包装破损"));
        Assert.Equal(["c-refund"], Find("退款"));
        Assert.Equal(["c-refund"], Find("申請退款"));
    }

    [Fact]
    public void PinyinInitialsFindTheShopperByName()
    {
        Assert.Equal(["c-refund"], Find("zsf"));
        Assert.Equal(["c-traditional"], Find("cxm"));
        Assert.Empty(Find("qqq"));
    }

    [Fact]
    public void EveryPartMustMatch()
    {
        Assert.Equal(["c-refund"], Find("退款 A1001"));
        Assert.Empty(Find("退款 红色"));
    }

    [Fact]
    public void FiltersAndAccessScopeNarrowTheResults()
    {
        Assert.Equal(["c-courier", "c-refund"], Find("", agent: "li").Order().ToList());
        Assert.Equal(["c-refund"], Find("", label: "退款"));
        Assert.Equal(["c-refund"], Find("", csat: "不满意"));
        Assert.Equal(["c-traditional"], Find("", from: T0.AddDays(1)));
        // An agent sees the queue and their own chats only: wang's closed chats and the queued one.
        Assert.Equal(["c-courier", "c-style", "c-traditional"], Find("", onlyFor: "wang").Order().ToList());
    }

    [Fact]
    public void MatchingLinesAreHighlightedInTheScriptTheyWereWrittenIn()
    {
        var hit = Assert.Single(_index.Search(new SearchQuery("退货")).Hits);
        var line = Assert.Single(hit.Lines);
        Assert.Equal("customer", line.Sender);
        Assert.Equal("退貨", Assert.Single(line.Segments, s => s.Match).Text);
        Assert.Equal("我要退貨，包裝破損了", string.Concat(line.Segments.Select(s => s.Text)));
    }

    [Fact]
    public void AReplacedDocumentIsFoundByItsNewTextOnly()
    {
        _index.Upsert(Doc("c-style", "李四", "发票什么时候开", agent: "wang"));
        _index.Refresh();
        Assert.Empty(Find("款式"));
        Assert.Equal(["c-style"], Find("发票"));
        Assert.Equal(4, _index.Count);
    }

    public void Dispose() => _index.Dispose();
}
