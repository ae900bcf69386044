using System.Globalization;
using System.Text;
using System.Text.Json;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Embeddings;
using ChatSupport.Bot.Knowledge.Normalization;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Routing.Intent;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.Options;
using Route = ChatSupport.Bot.Routing.Route;
using RoutingContext = ChatSupport.Bot.Routing.RoutingContext;

namespace ChatSupport.Bot.Eval;

/// <summary>One line of a probe file: a corpus-format line plus the <c>probe</c> group it tests (e.g. person-as-question).</summary>
public sealed record IntentProbe(string Text, ShopperIntent Intent, string Script, string Group);

/// <summary>
/// `intent-eval --probes FILE [--knowledge DIR]`: the shipped intent stage (and, with a knowledge folder, the whole
/// first-message router) on a file of labelled messages that no training reads (tests/KnowledgeBenchmark/intent-probes.jsonl,
/// written in the real-shopper style: order cards, channel labels, repeats, typos, both scripts, Cantonese), per probe
/// group and script. The router figure is the one that matters for a shopper: a complaint, an after-sales case or a
/// request for a person must be handed over with that reason, and a question or out-of-scope line must not be.
/// </summary>
public static class IntentProbeReport
{
    public static IReadOnlyList<IntentProbe> Load(string path)
    {
        var probes = new List<IntentProbe>();
        var number = 0;
        foreach (var line in File.ReadLines(path, Encoding.UTF8))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                var root = doc.RootElement;
                var text = root.GetProperty("text").GetString();
                if (string.IsNullOrWhiteSpace(text) || !ShopperIntentNames.TryParse(root.GetProperty("intent").GetString(), out var intent))
                    throw new FormatException("needs a non-empty \"text\" and a known \"intent\"");
                var script = root.TryGetProperty("script", out var s) ? s.GetString() ?? "" : "";
                var group = root.TryGetProperty("probe", out var g) ? g.GetString() ?? "" : "";
                probes.Add(new IntentProbe(text, intent, script, group.Length == 0 ? "(none)" : group));
            }
            catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
            {
                throw new FormatException($"probes {Path.GetFileName(path)} line {number}: {ex.Message}", ex);
            }
        }
        return probes;
    }

    /// <summary>The router's verdict is right when a handoff intent is handed over with its reason and any other intent is not.</summary>
    public static bool RouteIsRight(ShopperIntent gold, RoutingDecision decision) => gold switch
    {
        ShopperIntent.AfterSales => decision is { Route: Route.Handoff, Reason: HandoffReason.AfterSales },
        ShopperIntent.Complaint => decision is { Route: Route.Handoff, Reason: HandoffReason.Complaint },
        ShopperIntent.Human => decision is { Route: Route.Handoff, Reason: HandoffReason.Human },
        _ => decision.Route is not Route.Handoff,
    };

    public static void Run(IReadOnlyList<IntentProbe> probes, IntentDecider decider, string? knowledgeDir, int showErrors, TextWriter stdout)
    {
        MessageRouter? router = null;
        if (knowledgeDir is not null)
        {
            using var embeddings = new LocalNGramEmbeddingGenerator();
            var snapshot = new KnowledgeLoader(embeddings).LoadAsync(Path.GetFullPath(knowledgeDir), null).GetAwaiter().GetResult();
            router = new MessageRouter(new FixedKnowledgeSource(snapshot), Options.Create(new RoutingOptions()), Options.Create(new KnowledgeOptions()));
        }
        var results = probes.Select(p =>
        {
            var intent = decider.Decide(ChineseNormalizer.Normalize(p.Text)).Intent;
            var decision = router?.Preview(p.Text, RoutingContext.FirstMessage);
            return (Probe: p, Intent: intent, Decision: decision);
        }).ToList();

        static string Pct(int n, int d) => d == 0 ? "    -" : string.Create(CultureInfo.InvariantCulture, $"{100.0 * n / d,5:F1}");
        stdout.WriteLine();
        stdout.WriteLine($"probes: {probes.Count} lines (intent = the router's intent stage; route = handed over with the right reason, or not handed over{(router is null ? "; pass --knowledge DIR" : "")})");
        stdout.WriteLine($"  {"group",-22}{"n",5}{"intent",8}{"route",8}");
        void Row(string label, IReadOnlyList<(IntentProbe Probe, ShopperIntent Intent, RoutingDecision? Decision)> part)
        {
            var intentRight = part.Count(r => r.Intent == r.Probe.Intent);
            var routeRight = part.Count(r => r.Decision is { } d && RouteIsRight(r.Probe.Intent, d));
            stdout.WriteLine($"  {label,-22}{part.Count,5}{Pct(intentRight, part.Count),8}{(router is null ? "    -" : Pct(routeRight, part.Count)),8}");
        }
        foreach (var group in results.GroupBy(r => r.Probe.Group).OrderBy(g => g.Key, StringComparer.Ordinal))
            Row(group.Key, group.ToList());
        foreach (var script in results.GroupBy(r => r.Probe.Script).OrderBy(g => g.Key, StringComparer.Ordinal))
            Row("script " + script.Key, script.ToList());
        Row("all", results);
        if (router is not null)
        {
            // Handoff recall and precision over the probes, as the eval sets count them.
            var needPerson = results.Count(r => r.Probe.Intent is ShopperIntent.AfterSales or ShopperIntent.Complaint or ShopperIntent.Human);
            var handedOver = results.Where(r => r.Decision!.Route is Route.Handoff).ToList();
            var rightlyHanded = handedOver.Count(r => r.Probe.Intent is ShopperIntent.AfterSales or ShopperIntent.Complaint or ShopperIntent.Human);
            stdout.WriteLine($"  handoff recall {Pct(rightlyHanded, needPerson)}  precision {Pct(rightlyHanded, handedOver.Count)}");
        }
        foreach (var r in results.Where(r => r.Intent != r.Probe.Intent || r.Decision is { } d && !RouteIsRight(r.Probe.Intent, d)).Take(showErrors))
        {
            var route = r.Decision is null ? "" : $" route {r.Decision.Route.ToString().ToLowerInvariant()}{(r.Decision.Reason is { } reason ? "/" + reason.ToWireName() : "")}";
            stdout.WriteLine($"  [{r.Probe.Group}] gold {r.Probe.Intent.ToWireName(),-12} intent {r.Intent.ToWireName(),-12}{route}  {r.Probe.Text}");
        }
    }
}
