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
    public void ExplainsHowOneMessageIsRead()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, IntentEvalCommand.Run(["--explain", "轉人公啦"], stdout, new StringWriter()));
        Assert.Contains("folded: 转人工", stdout.ToString());
        Assert.Contains("-> human", stdout.ToString());
    }
}
