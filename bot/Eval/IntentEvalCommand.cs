using System.Globalization;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing.Intent;

namespace ChatSupport.Bot.Eval;

/// <summary>
/// `intent-eval [--corpus DIR] [--show-errors N]`: trains the intent classifier on the corpus minus its held-out part
/// (as the live bot does) and prints, for the held-out part that training never saw, the accuracy, per-class
/// precision and recall, and accuracy per script, for the model alone and for the router's intent decision (model
/// plus the explicit priority rules, <see cref="IntentDecider"/>). Without --corpus it uses the corpus compiled into
/// the bot. Exit 0, or 2 on bad arguments or a corpus defect.
/// </summary>
public static class IntentEvalCommand
{
    public const string Usage = "usage: intent-eval [--corpus DIR] [--show-errors N] [--explain TEXT]... [--l2 X] [--min-df N] [--probes FILE [--knowledge DIR]]";

    public static Task<int> RunAsync(string[] args) => Task.FromResult(Run(args, Console.Out, Console.Error));

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? folder = null;
        var showErrors = 0;
        var explain = new List<string>();
        string? probes = null;
        string? knowledge = null;
        var training = new IntentTrainingOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--corpus" && i + 1 < args.Length) folder = args[++i];
            else if (args[i] is "--explain" && i + 1 < args.Length) explain.Add(args[++i]);
            else if (args[i] is "--probes" && i + 1 < args.Length) probes = args[++i];
            else if (args[i] is "--knowledge" && i + 1 < args.Length) knowledge = args[++i];
            else if (args[i] is "--l2" && i + 1 < args.Length && float.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var l2)) { training = training with { L2Regularization = l2 }; i++; }
            else if (args[i] is "--iterations" && i + 1 < args.Length && int.TryParse(args[i + 1], out var it)) { training = training with { MaximumIterations = it }; i++; }
            else if (args[i] is "--min-df" && i + 1 < args.Length && int.TryParse(args[i + 1], out var df)) { training = training with { MinDocumentFrequency = df }; i++; }
            else if (args[i] is "--show-errors" && i + 1 < args.Length && int.TryParse(args[i + 1], out showErrors)) i++;
            else
            {
                stderr.WriteLine($"intent-eval: unexpected argument '{args[i]}'\n{Usage}");
                return 2;
            }
        }
        IReadOnlyList<IntentExample> corpus;
        IReadOnlyList<IntentProbe>? probeLines = null;
        try
        {
            corpus = folder is null ? IntentCorpus.Shipped : IntentCorpus.LoadFolder(Path.GetFullPath(folder));
            if (probes is not null) probeLines = IntentProbeReport.Load(Path.GetFullPath(probes));
            if (knowledge is not null && !Directory.Exists(knowledge)) throw new IOException($"knowledge folder not found: {knowledge}");
        }
        catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"intent-eval: {ex.Message}");
            return 2;
        }
        // As `eval`: Routing__IntentModelCacheFolder gives this run's shipped model a cache folder of its own.
        IntentModelCache.Configure(Environment.GetEnvironmentVariable("Routing__IntentModelCacheFolder"));
        var custom = folder is not null || training != new IntentTrainingOptions();
        var classifier = custom ? IntentClassifier.Train(IntentCorpus.Training(corpus), training) : IntentClassifier.Shared;
        if (explain.Count > 0)
        {
            // How the router's intent stage reads a message (for writing corpus lines and reading misses).
            var explainer = new IntentDecider(classifier, IntentCorpus.Training(corpus));
            foreach (var text in explain)
            {
                var normalized = ChineseNormalizer.Normalize(text);
                var decision = explainer.Decide(normalized);
                stdout.WriteLine($"{text}\n  folded: {normalized.Folded}\n  cues: {IntentFeatures.CuesOf(normalized.Folded)}\n  -> {decision.Intent.ToWireName()} {decision.Confidence:F2}: {decision.Explanation}");
            }
            return 0;
        }
        var heldOut = IntentCorpus.HeldOut(corpus).ToList();
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"intent corpus: {corpus.Count} lines, trained on {classifier.TrainedOn} ({classifier.FeatureCount} features, {classifier.TrainingTime.TotalMilliseconds:F0} ms), held out {heldOut.Count}"));

        var model = heldOut.Select(e => (e, Predicted: classifier.Predict(e.Text).Top)).ToList();
        var decider = custom ? new IntentDecider(classifier, IntentCorpus.Training(corpus)) : IntentDecider.Shared;
        var combined = heldOut.Select(e => (e, Predicted: decider.Decide(ChineseNormalizer.Normalize(e.Text)).Intent)).ToList();
        Report(stdout, "model alone", model);
        Report(stdout, "router intent (model + priority rules)", combined);
        foreach (var (e, predicted) in combined.Where(x => x.e.Intent != x.Predicted).Take(showErrors))
            stdout.WriteLine($"  gold {e.Intent.ToWireName(),-12} got {predicted.ToWireName(),-12} {e.Text.ReplaceLineEndings(" ")}");
        if (probeLines is not null) IntentProbeReport.Run(probeLines, decider, knowledge, showErrors, stdout);
        return 0;
    }

    private static void Report(TextWriter stdout, string title, IReadOnlyList<(IntentExample Example, ShopperIntent Predicted)> results)
    {
        static string Pct(int n, int d) => d == 0 ? "   -  " : string.Create(CultureInfo.InvariantCulture, $"{100.0 * n / d,5:F1}%");
        var correct = results.Count(r => r.Example.Intent == r.Predicted);
        stdout.WriteLine();
        stdout.WriteLine($"{title}: accuracy {Pct(correct, results.Count)} ({correct}/{results.Count})");
        stdout.WriteLine($"  {"class",-14}{"precision",12}{"recall",12}{"n",6}");
        foreach (var intent in ShopperIntentNames.All)
        {
            var tp = results.Count(r => r.Example.Intent == intent && r.Predicted == intent);
            var predicted = results.Count(r => r.Predicted == intent);
            var gold = results.Count(r => r.Example.Intent == intent);
            stdout.WriteLine($"  {intent.ToWireName(),-14}{Pct(tp, predicted),12}{Pct(tp, gold),12}{gold,6}");
        }
        foreach (var script in results.Select(r => r.Example.Script).Distinct().Order(StringComparer.Ordinal))
        {
            var part = results.Where(r => r.Example.Script == script).ToList();
            var ok = part.Count(r => r.Example.Intent == r.Predicted);
            stdout.WriteLine($"  script {script,-12} accuracy {Pct(ok, part.Count)} ({ok}/{part.Count})");
        }
    }
}
