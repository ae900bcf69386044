using System.Text.Json;
using ChatSupport.Bot.Eval;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Embeddings;
using Microsoft.Extensions.Options;
using ChatSupport.Bot.Tests.Knowledge;

namespace ChatSupport.Bot.Tests.Eval;

// Eval reads the process environment; tests that set it (the model step's) must not run beside these.
[Collection(ChatSupport.Bot.Tests.Routing.ModelAssist.ProcessEnvironmentCollection.Name)]
public class EvalCommandTests
{
    [Fact]
    public async Task WritesOneContractLinePerQuestionInOrder()
    {
        using var kb = new KnowledgeFolder();
        var input = Path.Combine(kb.Path, "_q.jsonl");
        var output = Path.Combine(kb.Path, "_out", "r.jsonl");
        File.WriteAllLines(input,
        [
            """{"id":"a1","text":"发什么快递","expect":{"route":"answer"},"script":"simplified"}""",
            """{"id":"a2","text":"茶壶"}""",
            """{"id":"a3","text":"我要投诉"}""",
            """{"id":"a4","text":"今天股市怎么样"}""",
            "",
            """{"id":5,"text":"转人工"}""",
        ]);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", input, "--output", output], stdout, stderr);
        Assert.True(code == 0, stderr.ToString());

        var lines = File.ReadAllLines(output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Equal(["a1", "a2", "a3", "a4"], lines.Take(4).Select(l => l.GetProperty("id").GetString()!));
        Assert.Equal(5, lines[4].GetProperty("id").GetInt32()); // ids are echoed with their JSON type
        foreach (var line in lines)
        {
            var route = line.GetProperty("route").GetString();
            Assert.Contains(route, new[] { "answer", "clarify", "handoff", "fallback" });
            Assert.InRange(line.GetProperty("score").GetDouble(), 0, 1);
            Assert.Equal(route == "answer", line.TryGetProperty("faqId", out _));
            Assert.Equal(route == "clarify", line.TryGetProperty("candidates", out _));
            Assert.Equal(route == "handoff", line.TryGetProperty("reason", out _));
        }
        Assert.Equal("shipping/courier", lines[0].GetProperty("faqId").GetString());
        Assert.Equal("complaint", lines[2].GetProperty("reason").GetString());
        Assert.Equal("fallback", lines[3].GetProperty("route").GetString());
        Assert.Equal("human", lines[4].GetProperty("reason").GetString());
    }

    [Theory]
    [InlineData(new string[0], "missing --knowledge")]
    [InlineData(new[] { "--knowledge" }, "--knowledge needs a value")]
    [InlineData(new[] { "--bogus", "x" }, "unknown argument")]
    [InlineData(new[] { "--knowledge", "/nonexistent-kb", "--input", "q", "--output", "r" }, "knowledge folder not found")]
    public async Task BadArgumentsExitWithTwoAndSayWhy(string[] args, string message)
    {
        var stderr = new StringWriter();
        Assert.Equal(2, await EvalCommand.RunAsync(args, TextWriter.Null, stderr));
        Assert.Contains(message, stderr.ToString());
    }

    [Fact]
    public async Task MissingInputAndMalformedLinesExitWithTwo()
    {
        using var kb = new KnowledgeFolder();
        var stderr = new StringWriter();
        Assert.Equal(2, await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", Path.Combine(kb.Path, "none.jsonl"), "--output", "x"], TextWriter.Null, stderr));
        Assert.Contains("input file not found", stderr.ToString());

        var input = Path.Combine(kb.Path, "_bad.jsonl");
        File.WriteAllLines(input, ["""{"id":"ok","text":"包邮吗"}""", "{not json"]);
        stderr = new StringWriter();
        Assert.Equal(2, await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", input, "--output", Path.Combine(kb.Path, "_r.jsonl")], TextWriter.Null, stderr));
        Assert.Contains("line 2", stderr.ToString());
    }

    [Fact]
    public async Task NullableThresholdsFromTheEnvironmentAreRead()
    {
        using var kb = new KnowledgeFolder();
        var input = Path.Combine(kb.Path, "_q.jsonl");
        File.WriteAllLines(input, ["""{"id":"a1","text":"请问你们一般发什么快递呀"}"""]);
        async Task<string> RouteWith(Dictionary<string, string?> settings)
        {
            var output = Path.Combine(kb.Path, "_out", $"r{settings.Count}.jsonl");
            var stderr = new StringWriter();
            Assert.True(await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", input, "--output", output], TextWriter.Null, stderr,
                settings) == 0, stderr.ToString());
            return JsonDocument.Parse(File.ReadAllLines(output)[0]).RootElement.GetProperty("route").GetString()!;
        }
        Assert.Equal("answer", await RouteWith([]));
        // Every answering bar at the top of the scale (the bot refuses more than 1): the same message is no longer answered.
        Assert.NotEqual("answer", await RouteWith(new()
        {
            ["Routing__AnswerThreshold"] = "1", ["Routing__LeadThreshold"] = "1", ["Routing__EvidenceThreshold"] = "1",
        }));
    }

    [Fact]
    public async Task MatcherWeightsFromTheEnvironmentAreTheOnesTheFolderIsCalibratedWith()
    {
        using var kb = new KnowledgeFolder();
        var input = Path.Combine(kb.Path, "_q.jsonl");
        File.WriteAllLines(input, ["""{"id":"a1","text":"包邮吗"}"""]);
        var settings = new Dictionary<string, string?>
        {
            ["Knowledge__Matcher__CoverageWeight"] = "0.3", ["Knowledge__Matcher__PhrasingRecallWeight"] = "0.1",
        };
        var weighted = new KnowledgeOptions();
        weighted.Matcher.CoverageWeight = 0.3;
        weighted.Matcher.PhrasingRecallWeight = 0.1;
        var generator = new LocalNGramEmbeddingGenerator();
        var expected = (await new KnowledgeLoader(generator, Options.Create(weighted)).LoadAsync(kb.Path, null)).Calibration;
        var withDefaults = (await new KnowledgeLoader(generator).LoadAsync(kb.Path, null)).Calibration;
        // Otherwise this test could not tell the two apart.
        Assert.NotEqual(withDefaults.Answer, expected.Answer);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.True(await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", input, "--output", Path.Combine(kb.Path, "_r.jsonl")],
            stdout, stderr, settings) == 0, stderr.ToString());
        Assert.Contains(FormattableString.Invariant($"learnt thresholds answer {expected.Answer:F3} "), stdout.ToString());
    }

    [Fact]
    public async Task AnUnreadableSettingExitsWithTwoAndNamesIt()
    {
        using var kb = new KnowledgeFolder();
        var input = Path.Combine(kb.Path, "_q.jsonl");
        File.WriteAllLines(input, ["""{"id":"a1","text":"包邮吗"}"""]);
        var stderr = new StringWriter();
        Assert.Equal(2, await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", input, "--output", Path.Combine(kb.Path, "_r.jsonl")],
            TextWriter.Null, stderr, new Dictionary<string, string?> { ["Routing__AnswerThreshold"] = "high" }));
        Assert.Contains("Routing:AnswerThreshold", stderr.ToString());
    }

    [Fact]
    public async Task ASettingTheBotRefusesAtStartIsRefusedToo()
    {
        // The bot's own option checks run on eval's settings: a clarify bar above the answer bar stops both.
        using var kb = new KnowledgeFolder();
        var input = Path.Combine(kb.Path, "_q.jsonl");
        File.WriteAllLines(input, ["""{"id":"a1","text":"包邮吗"}"""]);
        var stderr = new StringWriter();
        Assert.Equal(2, await EvalCommand.RunAsync(["--knowledge", kb.Path, "--input", input, "--output", Path.Combine(kb.Path, "_r.jsonl")],
            TextWriter.Null, stderr, new Dictionary<string, string?> { ["Routing__AnswerThreshold"] = "0.3", ["Routing__ClarifyThreshold"] = "0.5" }));
        Assert.Contains("ClarifyThreshold must not exceed", stderr.ToString());
    }
}
