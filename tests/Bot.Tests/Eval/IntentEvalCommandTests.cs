using ChatSupport.Bot.Eval;
using ChatSupport.Bot.Routing.Intent;

namespace ChatSupport.Bot.Tests.Eval;

public sealed class IntentEvalCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chatsupport-intent-" + Guid.NewGuid().ToString("N"));

    public IntentEvalCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void PrintsHeldOutFiguresPerClassAndScriptForAFolder()
    {
        // A slice of the shipped corpus written out as a folder: the command trains on its training part only.
        var slice = IntentCorpus.Shipped.Where((_, i) => i % 4 == 0).ToList();
        File.WriteAllLines(Path.Combine(_folder, "part.jsonl"), slice.Select(e =>
            System.Text.Json.JsonSerializer.Serialize(new { text = e.Text, intent = e.Intent.ToWireName(), script = e.Script, category = e.Category })));
        var stdout = new StringWriter();
        var code = IntentEvalCommand.Run(["--corpus", _folder], stdout, new StringWriter());
        Assert.Equal(0, code);
        var text = stdout.ToString();
        Assert.Contains($"intent corpus: {slice.Count} lines, trained on {IntentCorpus.Training(slice).Count()}", text);
        Assert.Contains("model alone: accuracy", text);
        Assert.Contains("router intent (model + priority rules): accuracy", text);
        foreach (var intent in ShopperIntentNames.All) Assert.Contains("  " + intent.ToWireName(), text);
        Assert.Contains("script traditional", text);
    }

    [Fact]
    public void ACorpusDefectExitsWithTwoAndNamesTheLine()
    {
        File.WriteAllLines(Path.Combine(_folder, "bad.jsonl"), ["""{"text":"转人工","intent":"human"}""", """{"text":"几天到","intent":"faq"}"""]);
        var stderr = new StringWriter();
        Assert.Equal(2, IntentEvalCommand.Run(["--corpus", _folder], new StringWriter(), stderr));
        Assert.Contains("bad.jsonl line 2", stderr.ToString());
    }

    [Fact]
    public void ScoresProbesPerGroupThroughTheIntentStageAndTheWholeRouter()
    {
        var probes = Path.Combine(_folder, "probes.jsonl");
        File.WriteAllLines(probes,
        [
            """{"text":"能不能找个真人回我一下","intent":"human","script":"simplified","probe":"person-as-question"}""",
            """{"text":"榨汁机按了没反应了","intent":"after-sales","script":"simplified","probe":"outcome-fault"}""",
            """{"text":"售後幾點上班","intent":"question","script":"traditional","probe":"trigger-word"}""",
        ]);
        using var kb = new ChatSupport.Bot.Tests.Knowledge.KnowledgeFolder();
        var stdout = new StringWriter();
        Assert.Equal(0, IntentEvalCommand.Run(["--probes", probes, "--knowledge", kb.Path, "--show-errors", "10"], stdout, new StringWriter()));
        var text = stdout.ToString();
        Assert.Contains("probes: 3 lines", text);
        foreach (var group in new[] { "person-as-question", "outcome-fault", "trigger-word", "script traditional", "all" })
            Assert.Contains("\n  " + group + " ", text.Replace("\r", ""));
        Assert.Contains("handoff recall 100.0  precision 100.0", text);
    }

    [Fact]
    public void AMissingProbeFileOrKnowledgeFolderExitsWithTwo()
    {
        Assert.Equal(2, IntentEvalCommand.Run(["--probes", Path.Combine(_folder, "none.jsonl")], new StringWriter(), new StringWriter()));
        var probes = Path.Combine(_folder, "probes.jsonl");
        File.WriteAllText(probes, """{"text":"转人工","intent":"human"}""");
        var stderr = new StringWriter();
        Assert.Equal(2, IntentEvalCommand.Run(["--probes", probes, "--knowledge", Path.Combine(_folder, "no-kb")], new StringWriter(), stderr));
        Assert.Contains("knowledge folder not found", stderr.ToString());
    }

    [Fact]
    public void ExplainsHowOneMessageIsRead()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, IntentEvalCommand.Run(["--explain", "轉人公啦"], stdout, new StringWriter()));
        Assert.Contains("folded: 转人工", stdout.ToString());
        Assert.Contains("-> human", stdout.ToString());
    }
}
