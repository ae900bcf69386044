using ChatSupport.KnowledgeBenchmark;
using System.Diagnostics;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Embeddings;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;
using Microsoft.Extensions.Options;

// Knowledge benchmark and diagnostics.
//   bench [--dev DIR --questions FILE] [--generated N] [--no-intent-cache]   routing p50/p99 on the dev folder and on N generated FAQ files, load time, memory
//   route-cost [DIR] [--questions FILE] [--rounds N]        engine CPU µs and bytes allocated per routed message
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
            Console.WriteLine($"   {c.Score:F3} cov={c.Coverage:F3} sim={c.Similarity:F3} pen={c.Penalty:F2} {c.Faq.Id}: {string.Join("; ", c.Evidence.Take(8).Concat(c.Evidence.Skip(8).Where(e => e.StartsWith("term ") || e.StartsWith("names "))))}");
    }
    return 0;
}

if (mode == "route-cost")
{
    // Engine share of a bot turn: thread CPU and managed bytes allocated per MessageRouter.Route call, single thread,
    // on a knowledge folder (default: the demo store) with the load generator's eight questions (or a jsonl file's texts).
    //   route-cost [DIR] [--questions FILE] [--rounds N]
    var dir = args.Length > 1 && !args[1].StartsWith("--") ? args[1] : "knowledge";
    var router = await LoadRouterAsync(dir);
    var file = Arg("--questions");
    var texts = file is null
        ? new[] { "几天能到", "发什么快递", "可以发顺丰吗", "多少钱包邮", "空气炸锅要预热吗", "水壶怎么除水垢", "吸尘器充电要多久", "羽绒被怎么保养" }
        : File.ReadLines(file).Where(l => l.Length > 0).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString() ?? "").ToArray();
    var rounds = int.Parse(Arg("--rounds") ?? "2000");
    for (var i = 0; i < 200; i++) foreach (var t in texts) router.Route(t, RoutingContext.FirstMessage);
    for (var pass = 0; pass < 3; pass++)
    {
        var calls = 0;
        var bytes = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpu.NowMs();
        var gen0 = GC.CollectionCount(0);
        for (var r = 0; r < rounds; r++)
            foreach (var t in texts) { router.Route(t, RoutingContext.FirstMessage); calls++; }
        var cpuUs = (ThreadCpu.NowMs() - cpu) * 1000 / calls;
        var allocated = (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)calls;
        Console.WriteLine($"route-cost {Path.GetFileName(Path.GetFullPath(dir))}: {calls} calls, {cpuUs:F1} µs thread CPU/message, {allocated:F0} B allocated/message, " +
                          $"{GC.CollectionCount(0) - gen0} gen0 GCs; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    }
    return 0;
}

if (mode == "sweep")
{
    // Tuning aid: grid over matcher weights and thresholds on a labelled set (dev only; see the report for the choice).
    var snapshot = await new KnowledgeLoader(new LocalNGramEmbeddingGenerator()).LoadAsync(Path.GetFullPath(args[1]), null);
    var gold = File.ReadLines(args[2]).Where(l => l.Length > 0).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement).ToList();
    var results = new List<(double Objective, string Line)>();
    var grid = from cw in new[] { 0.55, 0.65 }
               from pr in new[] { 0.15, 0.25 }
               from mt in new[] { 0.08, 0.12, 0.15 }
               from of in new[] { 0.6, 0.75 }
               from mf in new[] { 0.6 }
               from at in new[] { 0.28, 0.30, 0.32 }
               from am in new[] { 0.02, 0.04 }
               from ct in new[] { 0.24, 0.26, 0.28, 0.30 }
               where ct <= at
               select (cw, pr, mt, mf, at, am, ct, of);
    foreach (var (cw, pr, mt, mf, at, am, ct, of) in grid)
    {
        var router = new MessageRouter(new FixedKnowledgeSource(snapshot),
            Options.Create(new RoutingOptions { AnswerThreshold = at, AnswerMargin = am, ClarifyThreshold = ct }),
            Options.Create(new KnowledgeOptions { Matcher = new() { CoverageWeight = cw, PhrasingRecallWeight = pr, MinTopicCoverage = mt, MissingTermFactor = mf, OffTopicFactor = of } }));
        int answers = 0, ok = 0, clarifyHit = 0, wrong = 0, oos = 0, oosOk = 0;
        foreach (var g in gold)
        {
            var d = router.Route(g.GetProperty("text").GetString()!, RoutingContext.FirstMessage);
            var expect = g.GetProperty("expect");
            var route = expect.GetProperty("route").GetString();
            if (route == "answer")
            {
                answers++;
                var faq = expect.GetProperty("faqId").GetString();
                if (d.Route == Route.Answer && d.FaqId == faq) ok++;
                else if (d.Route == Route.Answer) wrong++;
                else if (d.Route == Route.Clarify && d.Candidates.Any(c => c.FaqId == faq)) clarifyHit++;
            }
            else if (d.Route == Route.Answer) wrong++;
            if (route == "fallback") { oos++; if (d.Route == Route.Fallback) oosOk++; }
        }
        double acc = (double)ok / answers, hit = (double)(ok + clarifyHit) / answers, wr = (double)wrong / gold.Count, fb = (double)oosOk / oos;
        var objective = acc + 0.5 * hit + 0.5 * fb - 4 * Math.Max(0, wr - 0.015);
        results.Add((objective, $"cw={cw} pr={pr} mt={mt} of={of} mf={mf} at={at} am={am} ct={ct}: acc={acc:P1} acc+clarify={hit:P1} wrong={wr:P1} fallback={fb:P1}"));
    }
    foreach (var r in results.OrderByDescending(r => r.Objective).Take(15)) Console.WriteLine($"{r.Objective:F3} {r.Line}");
    return 0;
}

if (mode == "stages")
{
    // Where load time goes, stage by stage, on N generated files.
    var n = int.Parse(args[1]);
    var dir = Path.Combine(Path.GetTempPath(), "chatsupport-stages-" + Guid.NewGuid().ToString("N"));
    GeneratedFaqs.Write(dir, n);
    var files = KnowledgeLoader.EnumerateFaqFiles(dir);
    var sw = Stopwatch.StartNew();
    var entries = files.Select(f => FaqFileParser.Parse(File.ReadAllText(f), Path.GetRelativePath(dir, f))).ToList();
    Console.WriteLine($"parse: {sw.ElapsedMilliseconds} ms"); sw.Restart();
    foreach (var e in entries) ChineseNormalizer.Normalize(string.Join(" ", e.Phrasings));
    Console.WriteLine($"normalize phrasings: {sw.ElapsedMilliseconds} ms"); sw.Restart();
    foreach (var e in entries) FaqFileParser.PlainText(e.AnswerMarkdown);
    Console.WriteLine($"markdown plain text: {sw.ElapsedMilliseconds} ms"); sw.Restart();
    foreach (var e in entries) SynonymTable.BuiltIn.Apply(ChineseNormalizer.Normalize(e.Title).Content);
    Console.WriteLine($"synonyms on titles: {sw.ElapsedMilliseconds} ms"); sw.Restart();
    foreach (var e in entries) LocalNGramEmbeddingGenerator.Embed(e.Title);
    Console.WriteLine($"embed titles: {sw.ElapsedMilliseconds} ms"); sw.Restart();
    await ChatSupport.Bot.Knowledge.Matching.FaqIndex.BuildAsync(entries, SynonymTable.BuiltIn, new LocalNGramEmbeddingGenerator());
    Console.WriteLine($"index build: {sw.ElapsedMilliseconds} ms");
    Directory.Delete(dir, true);
    return 0;
}

// The intent model: trained on the corpus, or read from its cache (IntentModelCache) when an earlier run trained the
// same corpus; `--no-intent-cache` times training. Timed first so the figures below do not include it.
if (args.Contains("--no-intent-cache")) ChatSupport.Bot.Routing.Intent.IntentModelCache.Folder = null;
var intentCpu = Process.GetCurrentProcess().TotalProcessorTime;
var intentWatch = Stopwatch.StartNew();
var intentModel = ChatSupport.Bot.Routing.Intent.IntentClassifier.Shared;
_ = ChatSupport.Bot.Routing.Intent.IntentDecider.Shared;
Console.WriteLine($"intent model ({(intentModel.FromCache ? "read from cache " + ChatSupport.Bot.Routing.Intent.IntentModelCache.Folder : "trained")}): " +
                  $"{intentModel.FeatureCount} features, {intentWatch.ElapsedMilliseconds} ms wall, {(Process.GetCurrentProcess().TotalProcessorTime - intentCpu).TotalMilliseconds:F0} ms CPU, " +
                  $"process working set {Environment.WorkingSet / 1048576.0:F1} MB");

// jieba's lexicon loads once per process, before the first folder; timed on its own so the folder loads below show
// what every reload costs.
var lexiconWatch = Stopwatch.StartNew();
var lexiconMemoryBefore = GC.GetTotalMemory(true);
var lexicon = ChatSupport.Bot.Knowledge.Segmentation.JiebaLexicon.Shared;
Console.WriteLine($"jieba lexicon (once per process): {lexicon.Count} words in {lexiconWatch.ElapsedMilliseconds} ms, " +
                  $"{(GC.GetTotalMemory(true) - lexiconMemoryBefore) / 1048576.0:F1} MB managed");
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
    // What the process holds before the big folder (runtime, intent model, jieba lexicon, the dev folder's snapshot):
    // the share of the working set that no knowledge folder's size changes.
    Console.WriteLine($"before loading the generated folder: process working set {Environment.WorkingSet / 1048576.0:F1} MB, managed heap {before / 1048576.0:F1} MB, " +
                      $"GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F1} MB");
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var pauseBefore = GC.GetTotalPauseDuration();
    var collectionsBefore = Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray();
    var watch = Stopwatch.StartNew();
    var snapshot = await new KnowledgeLoader(new LocalNGramEmbeddingGenerator()).LoadAsync(folder, null);
    var loadMs = watch.ElapsedMilliseconds;
    var loadCpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    var gcPause = GC.GetTotalPauseDuration() - pauseBefore;
    var collections = string.Join("/", Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]));
    // What KnowledgeStore does once the snapshot is served: a load that allocated a lot returns its garbage at once.
    var returnWatch = Stopwatch.StartNew();
    var returned = LoadGarbage.ReturnAfter(snapshot);
    Console.WriteLine($"after the load: {snapshot.AllocatedBytes / 1048576.0:F0} MB allocated during it; " +
                      (returned ? $"aggressive collection (as the bot does) {returnWatch.ElapsedMilliseconds} ms, " : "no aggressive collection (below its threshold), ") +
                      $"process working set {Environment.WorkingSet / 1048576.0:F1} MB, GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F1} MB");
    // A compacting full collection, so that free space left between survivors is not counted as held memory.
    System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    var after = GC.GetTotalMemory(true);
    Console.WriteLine($"load {generated} generated files: {loadMs} ms wall, {loadCpu.TotalMilliseconds:F0} ms CPU (all threads), {snapshot.Entries.Count} FAQs, {snapshot.Errors.Count} errors, GC pauses {gcPause.TotalMilliseconds:F0} ms (gen0/1/2 collections {collections}), " +
                      $"managed memory held by the snapshot {(after - before) / 1048576.0:F1} MB, process working set {Environment.WorkingSet / 1048576.0:F1} MB, " +
                      $"GC committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0:F1} MB, {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0:F1} MB heap; " +
                      $"GC: server {System.Runtime.GCSettings.IsServerGC}, conserve memory {AppContext.GetData("System.GC.ConserveMemory") ?? "-"}, heaps {AppContext.GetData("System.GC.HeapCount") ?? "-"}, " +
                      $"hard limit {AppContext.GetData("System.GC.HeapHardLimit") ?? "-"}; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
    var bigRouter = new MessageRouter(new FixedKnowledgeSource(snapshot), Options.Create(new RoutingOptions()), Options.Create(new KnowledgeOptions()));
    Measure($"{generated} generated FAQ files", bigRouter, questions.Concat(GeneratedFaqs.SampleQuestions()).ToList());
    GC.KeepAlive(snapshot);
}
finally
{
    if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
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
    var cpuSamples = new List<double>();
    for (var round = 0; round < 5; round++)
    {
        foreach (var q in questions)
        {
            var c = ThreadCpu.NowMs();
            var t = Stopwatch.GetTimestamp();
            router.Route(q, RoutingContext.FirstMessage);
            samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            cpuSamples.Add(ThreadCpu.NowMs() - c);
        }
    }
    samples.Sort();
    cpuSamples.Sort();
    double P(List<double> s, double p) => s[(int)Math.Min(s.Count - 1, Math.Ceiling(p * s.Count) - 1)];
    // Wall time includes waiting for a core on a shared machine; thread CPU time is the work one message costs on one core.
    Console.WriteLine($"route on {label}: {samples.Count} calls, wall p50 {P(samples, 0.50):F3} ms p99 {P(samples, 0.99):F3} ms max {samples[^1]:F3} ms; " +
                      $"thread CPU p50 {P(cpuSamples, 0.50):F3} ms p99 {P(cpuSamples, 0.99):F3} ms max {cpuSamples[^1]:F3} ms; load average {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
}
