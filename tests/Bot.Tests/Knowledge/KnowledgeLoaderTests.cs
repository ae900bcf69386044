using ChatSupport.Bot.Knowledge;

namespace ChatSupport.Bot.Tests.Knowledge;

public class KnowledgeLoaderTests
{
    [Fact]
    public async Task LoadsFaqsWithDefaultIdsAndCategoriesAndIgnoresUnderscoreFiles()
    {
        using var kb = new KnowledgeFolder();
        kb.Write("store-hours.md", KnowledgeFolder.Faq("客服几点上班？", [], [], "9:00–24:00"));
        kb.Write("_drafts/draft.md", KnowledgeFolder.Faq("草稿", [], [], "不应加载"));
        kb.Write(".hidden.md", KnowledgeFolder.Faq("隐藏", [], [], "不应加载"));
        var snapshot = await kb.LoadAsync();
        Assert.Empty(snapshot.Errors);
        Assert.Equal(7, snapshot.Entries.Count);
        var courier = snapshot.Find("shipping/courier")!;
        Assert.Equal("shipping", courier.Category);
        Assert.Equal(["默认哪家快递", "可以发顺丰吗"], courier.Questions);
        Assert.Equal("general", snapshot.Find("store-hours")!.Category);
        Assert.DoesNotContain(snapshot.Entries, e => e.Title is "草稿" or "隐藏");
    }

    [Fact]
    public async Task ExplicitIdAndCategoryWin()
    {
        using var kb = new KnowledgeFolder(withSampleFaqs: false);
        kb.Write("a/b.md", "---\nid: custom-id\ncategory: special\ntitle: 标题\n---\n答案");
        var entry = Assert.Single((await kb.LoadAsync()).Entries);
        Assert.Equal("custom-id", entry.Id);
        Assert.Equal("special", entry.Category);
    }

    [Theory]
    [InlineData("---\ntitle: a: b\n---\n答案", 2, "invalid YAML")]
    [InlineData("---\ntitle: 标题\nquestions: [a, b\ntags: x\n---\n答案", 2, "invalid YAML")]
    [InlineData("---\nquestions: [a]\n---\n答案", 2, "missing required field 'title'")]
    [InlineData("---\ntitle: 标题\n---\n\n   \n", 4, "answer")]
    [InlineData("没有 front matter", 1, "front matter")]
    [InlineData("---\ntitle: 标题\n答案", 1, "not closed")]
    [InlineData("---\ntitle: 标题\ntags:\n  nested: map\n---\n答案", 3, "'tags' must be a list")]
    public async Task ReportsBrokenFilesWithLineAndReason(string content, int line, string reason)
    {
        using var kb = new KnowledgeFolder();
        kb.Write("broken/file.md", content);
        var snapshot = await kb.LoadAsync();
        var error = Assert.Single(snapshot.Errors);
        Assert.Equal("broken/file.md", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason);
        Assert.Equal(6, snapshot.Entries.Count); // the rest keeps serving
    }

    [Fact]
    public async Task DuplicateIdIsAnErrorAndTheFirstFileKeepsIt()
    {
        using var kb = new KnowledgeFolder(withSampleFaqs: false);
        kb.Write("a.md", "---\nid: same\ntitle: 第一个\n---\n答案一");
        kb.Write("b.md", "---\nid: same\ntitle: 第二个\n---\n答案二");
        var snapshot = await kb.LoadAsync();
        Assert.Equal("第一个", Assert.Single(snapshot.Entries).Title);
        var error = Assert.Single(snapshot.Errors);
        Assert.Equal("b.md", error.File);
        Assert.Contains("duplicate id 'same'", error.Reason);
    }

    [Fact]
    public async Task BrokenEditKeepsServingTheLastGoodVersion()
    {
        using var kb = new KnowledgeFolder();
        var first = await kb.LoadAsync();
        kb.Write("shipping/courier.md", "---\ntitle: [坏掉\n---\n答案");
        var second = await kb.LoadAsync(first);
        Assert.Equal("你们发什么快递？", second.Find("shipping/courier")!.Title);
        Assert.Contains("shipping/courier.md", second.ServedFromLastGood);
        Assert.Single(second.Errors);
    }

    [Fact]
    public async Task MissingOrEmptyFolderLoadsNothingWithoutThrowing()
    {
        using var empty = new KnowledgeFolder(withSampleFaqs: false);
        var snapshot = await empty.LoadAsync();
        Assert.Empty(snapshot.Entries);
        Assert.True(snapshot.FolderExists);
        var missing = await new KnowledgeLoader(new ChatSupport.Bot.Knowledge.Embeddings.LocalNGramEmbeddingGenerator())
            .LoadAsync(Path.Combine(empty.Path, "nope"), null);
        Assert.False(missing.FolderExists);
        Assert.Empty(missing.Entries);
    }

    [Fact]
    public async Task SynonymsFileExtendsMatchingAndBadSynonymsAreReported()
    {
        using var kb = new KnowledgeFolder();
        kb.Write("_synonyms.yml", "- [茶壶, 泡茶壶子]\n");
        var router = await kb.RouterAsync();
        var decision = router.Route("泡茶壶子容量多大", ChatSupport.Bot.Routing.RoutingContext.FirstMessage);
        Assert.Equal("product/teapot-capacity", decision.FaqId);

        kb.Write("_synonyms.yml", "- just a string\n");
        var snapshot = await kb.LoadAsync();
        var error = Assert.Single(snapshot.Errors);
        Assert.Equal("_synonyms.yml", error.File);
        Assert.Equal(1, error.Line);
    }
}
