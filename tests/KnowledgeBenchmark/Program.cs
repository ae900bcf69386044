using ChatSupport.KnowledgeBenchmark;
using System.Diagnostics;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Embeddings;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;
using Microsoft.Extensions.Options;

// Knowledge benchmark and diagnostics.
//   bench [--dev DIR --questions FILE] [--generated N]   routing p50/p99 on the dev folder and on N generated FAQ files, load time, memory
//   explain DIR "text" ...                                 the decision and top candidates with evidence (tuning aid)
var mode = args.FirstOrDefault() ?? "bench";
if (mode == "explain")
{
    var router = await LoadRouterAsync(args[1]);
    foreach (var text in args.Skip(2))
    {
        var (decision, candidates) = router.Explain(text, RoutingContext.FirstMessage);
        Console.WriteLine($"== {text}\n   normalized: {ChineseNormalizer.Normalize(text).Content}\n   {decision.Route} {decision.FaqId}{decision.Reason} score={decision.Score:F3} ({decision.Explanation})");
        foreach (var c in candidates)
            Console.WriteLine($"   {c.Score:F3} cov={c.Coverage:F3} sim={c.Similarity:F3} pen={c.Penalty:F2} {c.Faq.Id}: {string.Join("; ", c.Evidence.Take(8))}");
    }
    return 0;
}

var dev = Arg("--dev") ?? "../shared/eval-dev/kb";
var questionsFile = Arg("--questions") ?? "../shared/eval-dev/questions.jsonl";
var generated = int.Parse(Arg("--generated") ?? "10000");
var questions = File.Exists(questionsFile)
    ? File.ReadLines(questionsFile).Where(l => l.Length > 0)
        .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString() ?? "").ToList()
    : GeneratedFaqs.SampleQuestions().ToList();

if (Directory.Exists(dev))
{
    var devRouter = await LoadRouterAsync(dev);
    Measure($"dev knowledge ({Path.GetFullPath(dev)})", devRouter, questions);
}

var folder = Path.Combine(Path.GetTempPath(), "chatsupport-bench-" + Guid.NewGuid().ToString("N"));
try
{
    GeneratedFaqs.Write(folder, generated);
    GC.Collect();
    GC.WaitForPendingFinalizers();
    GC.Collect();
    var before = GC.GetTotalMemory(true);
    var watch = Stopwatch.StartNew();
    var snapshot = await new KnowledgeLoader(new LocalNGramEmbeddingGenerator()).LoadAsync(folder, null);
    var loadMs = watch.ElapsedMilliseconds;
    var after = GC.GetTotalMemory(true);
    Console.WriteLine($"load {generated} generated files: {loadMs} ms, {snapshot.Entries.Count} FAQs, {snapshot.Errors.Count} errors, " +
                      $"managed memory held by the snapshot {(after - before) / 1048576.0:F1} MB, process working set {Environment.WorkingSet / 1048576.0:F1} MB");
    var bigRouter = new MessageRouter(new FixedKnowledgeSource(snapshot), Options.Create(new RoutingOptions()), Options.Create(new KnowledgeOptions()));
    Measure($"{generated} generated FAQ files", bigRouter, questions.Concat(GeneratedFaqs.SampleQuestions()).ToList());
    GC.KeepAlive(snapshot);
}
finally
{
    Directory.Delete(folder, recursive: true);
}
return 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static async Task<MessageRouter> LoadRouterAsync(string dir)
{
    var snapshot = await new KnowledgeLoader(new LocalNGramEmbeddingGenerator()).LoadAsync(Path.GetFullPath(dir), null);
    foreach (var e in snapshot.Errors) Console.Error.WriteLine($"{e.File}:{e.Line}: {e.Reason}");
    return new MessageRouter(new FixedKnowledgeSource(snapshot), Options.Create(new RoutingOptions()), Options.Create(new KnowledgeOptions()));
}

static void Measure(string label, MessageRouter router, List<string> questions)
{
    // Warm-up (JIT, caches), then single-threaded timing of every question, several rounds.
    foreach (var q in questions) router.Route(q, RoutingContext.FirstMessage);
    var samples = new List<double>();
    for (var round = 0; round < 5; round++)
    {
        foreach (var q in questions)
        {
            var t = Stopwatch.GetTimestamp();
            router.Route(q, RoutingContext.FirstMessage);
            samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
    }
    samples.Sort();
    double P(double p) => samples[(int)Math.Min(samples.Count - 1, Math.Ceiling(p * samples.Count) - 1)];
    Console.WriteLine($"route on {label}: {samples.Count} calls, p50 {P(0.50):F3} ms, p99 {P(0.99):F3} ms, max {samples[^1]:F3} ms");
}
