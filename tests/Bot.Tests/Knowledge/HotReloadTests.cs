using System.Collections.Concurrent;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Embeddings;
using ChatSupport.Bot.Routing;
using ChatSupport.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ChatSupport.Bot.Tests.Knowledge;

[Collection(ChatSupport.Bot.Tests.Handoff.TimingSensitiveCollection.Name)]
public class HotReloadTests
{
    [Fact]
    public async Task EditsBreaksFixesAndDeletesAreServedWithoutARestartWhileEveryQuestionIsAnswered()
    {
        using var kb = new KnowledgeFolder();
        var options = Options.Create(new KnowledgeOptions { Path = kb.Path });
        using var store = new KnowledgeStore(new KnowledgeLoader(new LocalNGramEmbeddingGenerator()), options, NullLogger<KnowledgeStore>.Instance);
        var router = new MessageRouter(store, Options.Create(new RoutingOptions()), options);

        // Shoppers keep asking from two threads for the whole test; every call must return a decision.
        using var stop = new CancellationTokenSource();
        var failures = new ConcurrentQueue<string>();
        var asked = 0;
        // Each asker pauses a millisecond between questions: two tight loops on a 2-core machine would
        // starve the thread pool the reload runs on, which tests the machine rather than the reload.
        var askers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(1);
                try
                {
                    var decision = router.Route("发什么快递", RoutingContext.FirstMessage);
                    if (decision is null) failures.Enqueue("null decision");
                    else if (decision.Route != Route.Answer) failures.Enqueue($"courier question got {decision.Route}");
                    Interlocked.Increment(ref asked);
                }
                catch (Exception ex)
                {
                    failures.Enqueue(ex.ToString());
                }
            }
        })).ToArray();

        // The watcher reloads within a poll interval on a quiet machine; the bound is generous because CI runs this beside
        // other test projects on two cores, and a slow machine must not read as a broken reload.
        var within = TimeSpan.FromSeconds(10);
        RoutingDecision Ask(string text) => router.Route(text, RoutingContext.FirstMessage);

        // Create: a new FAQ becomes answerable.
        kb.Write("product/gift-box.md", KnowledgeFolder.Faq("有礼盒包装吗？", ["可以送礼吗"], ["礼盒"], "可以加购礼盒，10 元一个。"));
        await Eventually.TrueAsync(() => Ask("有没有礼盒包装").FaqId == "product/gift-box", within, "created file served");

        // Edit: the new answer text is served.
        kb.Write("product/gift-box.md", KnowledgeFolder.Faq("有礼盒包装吗？", ["可以送礼吗"], ["礼盒"], "礼盒现在免费赠送。"));
        await Eventually.TrueAsync(() => Ask("有没有礼盒包装").AnswerMarkdown?.Contains("免费") == true, within, "edit served");

        // Break: the error is reported and the last good version keeps answering.
        kb.Write("product/gift-box.md", "---\ntitle: [broken\n---\n");
        await Eventually.TrueAsync(() => store.Current.Errors.Any(e => e.File == "product/gift-box.md"), within, "error reported");
        Assert.Contains("免费", Ask("有没有礼盒包装").AnswerMarkdown);
        Assert.Contains("product/gift-box.md", store.Current.ServedFromLastGood);

        // Fix: the error clears and the fixed text is served.
        kb.Write("product/gift-box.md", KnowledgeFolder.Faq("有礼盒包装吗？", ["可以送礼吗"], ["礼盒"], "礼盒 5 元一个。"));
        await Eventually.TrueAsync(() => store.Current.Errors.Count == 0 && Ask("有没有礼盒包装").AnswerMarkdown?.Contains("5 元") == true, within, "fix served");

        // Rename: the id follows the path.
        File.Move(Path.Combine(kb.Path, "product/gift-box.md"), Path.Combine(kb.Path, "product/gift-wrap.md"));
        await Eventually.TrueAsync(() => Ask("有没有礼盒包装").FaqId == "product/gift-wrap", within, "rename served");

        // Delete: the FAQ is gone and the question no longer gets its answer.
        kb.Delete("product/gift-wrap.md");
        await Eventually.TrueAsync(() => store.Current.Find("product/gift-wrap") is null, within, "delete served");
        Assert.NotEqual("product/gift-wrap", Ask("有没有礼盒包装").FaqId);

        await stop.CancelAsync();
        await Task.WhenAll(askers);
        Assert.True(asked > 100, $"only {asked} questions were asked");
        Assert.Empty(failures);
    }

    [Fact]
    public async Task FolderCreatedAfterStartIsPickedUp()
    {
        using var parent = new KnowledgeFolder(withSampleFaqs: false);
        var folder = Path.Combine(parent.Path, "later");
        var options = Options.Create(new KnowledgeOptions { Path = folder, PollMilliseconds = 300 });
        using var store = new KnowledgeStore(new KnowledgeLoader(new LocalNGramEmbeddingGenerator()), options, NullLogger<KnowledgeStore>.Instance);
        Assert.False(store.Current.FolderExists);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "a.md"), KnowledgeFolder.Faq("包邮吗？", [], [], "满 99 包邮"));
        await Eventually.TrueAsync(() => store.Current.Entries.Count == 1, TimeSpan.FromSeconds(10), "late folder loaded");
    }
}
