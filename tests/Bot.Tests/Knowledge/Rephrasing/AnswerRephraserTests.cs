using System.Diagnostics;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Embeddings;
using ChatSupport.Bot.Knowledge.Rephrasing;
using ChatSupport.Bot.Routing.ModelAssist;
using ChatSupport.Bot.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChatSupport.Bot.Tests.Knowledge.Rephrasing;

public sealed class AnswerRephraserTests
{
    private static readonly FaqEntry Courier = new("shipping/courier", "发什么快递？", [], "shipping", [], "默认发**中通**，顺丰补 8 元。", "shipping/courier.md");
    private static readonly TimeSpan Timeout = TimeSpan.FromMilliseconds(1500);

    private static AnswerRephraser Rephraser(OpenAiStandIn server) =>
        new(ModelClients.Chat(new ModelAssistOptions { Endpoint = server.Endpoint.ToString(), ApiKey = "key", Model = "test-model" }),
            Timeout, NullLogger<AnswerRephraser>.Instance);

    [Fact]
    public async Task RephrasesGroundedInTheFaqText()
    {
        await using var server = await OpenAiStandIn.StartAsync();
        server.Reply = () => "亲，我们默认发中通，要顺丰补 8 元就可以～";
        var text = await Rephraser(server).RephraseAsync("能发顺丰吗", Courier, CancellationToken.None);
        Assert.Equal("亲，我们默认发中通，要顺丰补 8 元就可以～", text);
        var request = Assert.Single(server.ChatRequests);
        Assert.Equal("test-model", (string?)request["model"]);
        var prompt = request["messages"]!.ToJsonString();
        Assert.Contains("默认发**中通**", System.Text.RegularExpressions.Regex.Unescape(prompt));
        Assert.Contains("能发顺丰吗", System.Text.RegularExpressions.Regex.Unescape(prompt));
    }

    [Fact]
    public async Task RephrasesAnAnswerDecisionFromTheRouter()
    {
        await using var server = await OpenAiStandIn.StartAsync();
        using var kb = new KnowledgeFolder();
        var decision = (await kb.RouterAsync()).Route("发啥快递", ChatSupport.Bot.Routing.RoutingContext.FirstMessage);
        server.Reply = () => "亲，默认中通～";
        Assert.Equal("亲，默认中通～", await Rephraser(server).RephraseAsync("发啥快递", decision, CancellationToken.None));
        var prompt = System.Text.RegularExpressions.Regex.Unescape(Assert.Single(server.ChatRequests)["messages"]!.ToJsonString());
        Assert.Contains("你们发什么快递？", prompt);
        Assert.Contains("默认发中通", prompt);
    }

    [Fact]
    public async Task FallsBackToTheFaqVerbatimWithinTheTimeout()
    {
        await using var server = await OpenAiStandIn.StartAsync();
        server.Delay = TimeSpan.FromSeconds(5);
        var watch = Stopwatch.StartNew();
        var text = await Rephraser(server).RephraseAsync("能发顺丰吗", Courier, CancellationToken.None);
        Assert.Equal(Courier.AnswerMarkdown, text);
        Assert.InRange(watch.Elapsed.TotalSeconds, 1.3, 2.5);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(429)]
    public async Task FallsBackToTheFaqVerbatimOnErrors(int status)
    {
        await using var server = await OpenAiStandIn.StartAsync();
        server.StatusCode = status;
        Assert.Equal(Courier.AnswerMarkdown, await Rephraser(server).RephraseAsync("能发顺丰吗", Courier, CancellationToken.None));
    }

    [Fact]
    public async Task FallsBackOnAnEmptyCompletionAndWhenNothingIsConfigured()
    {
        await using var server = await OpenAiStandIn.StartAsync();
        server.Reply = () => "  ";
        Assert.Equal(Courier.AnswerMarkdown, await Rephraser(server).RephraseAsync("能发顺丰吗", Courier, CancellationToken.None));
        var off = new AnswerRephraser(null, Timeout, NullLogger<AnswerRephraser>.Instance);
        Assert.False(off.Enabled);
        Assert.Equal(Courier.AnswerMarkdown, await off.RephraseAsync("能发顺丰吗", Courier, CancellationToken.None));
    }

    [Theory]
    [InlineData("亲，默认发中通，顺丰补 5 元就可以～")] // a price the FAQ does not say
    [InlineData("亲，默认发中通，3 天就到～")] // a promise the FAQ does not make
    [InlineData("亲，详情见 https://example.com/shipping")] // a link the FAQ does not have
    [InlineData("亲，默认发中通<img src=x onerror=alert(1)>")] // markup
    public async Task UngroundedRephraseIsDiscardedForTheFaqVerbatim(string reply)
    {
        await using var server = await OpenAiStandIn.StartAsync();
        server.Reply = () => reply;
        Assert.Equal(Courier.AnswerMarkdown, await Rephraser(server).RephraseAsync("能发顺丰吗", Courier, CancellationToken.None));
    }

    [Fact]
    public void NumbersFromTheFaqOrTheQuestionAreGrounded()
    {
        Assert.Null(AnswerRephraser.Ungrounded("亲，顺丰补 8 元～", Courier, "能发顺丰吗"));
        Assert.Null(AnswerRephraser.Ungrounded("亲，发到 310000 也是中通，顺丰补 8 元～", Courier, "邮编310000能发顺丰吗"));
        Assert.NotNull(AnswerRephraser.Ungrounded("亲，顺丰补 18 元～", Courier, "能发顺丰吗"));
        Assert.NotNull(AnswerRephraser.Ungrounded(new string('好', 400), Courier, "能发顺丰吗"));
    }

    [Fact]
    public async Task ConfiguredEmbeddingEndpointReplacesTheLocalGenerator()
    {
        await using var server = await OpenAiStandIn.StartAsync();
        using var generator = OpenAiEmbeddingGenerator.Create(server.Endpoint, "key", "embed-model", TimeSpan.FromSeconds(10));
        var embeddings = await generator.GenerateAsync(["茶壶多大", "快递几天", "开发票"]);
        Assert.Equal(3, embeddings.Count);
        Assert.Equal(1f, embeddings[0].Vector.Span[0]);
        Assert.Equal(1f, embeddings[1].Vector.Span[1]);
        Assert.Equal(1f, embeddings[2].Vector.Span[2]);

        using var kb = new KnowledgeFolder();
        var snapshot = await new KnowledgeLoader(generator).LoadAsync(kb.Path, null);
        Assert.Equal(4, snapshot.Index.PhrasingVectors[0][0].Dimensions);
    }

    [Fact]
    public async Task LocalGeneratorIsDeterministicAndSimilarTextsAreCloser()
    {
        using var local = new LocalNGramEmbeddingGenerator();
        var e = await local.GenerateAsync(["快递多久到", "快递几天能到", "发票抬头"]);
        float Cos(int a, int b) => e[a].Vector.Span.ToArray().Zip(e[b].Vector.Span.ToArray(), (x, y) => x * y).Sum();
        Assert.True(Cos(0, 1) > Cos(0, 2));
        Assert.Equal(LocalNGramEmbeddingGenerator.Embed("快递多久到"), e[0].Vector.ToArray());
    }
}
