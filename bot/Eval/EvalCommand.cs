using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.Bot.Knowledge;
using ChatSupport.Bot.Knowledge.Embeddings;
using ChatSupport.Bot.Routing;
using ChatSupport.Bot.Routing.ModelAssist;
using ChatSupport.HandoffContract;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Route = ChatSupport.Bot.Routing.Route;
using RoutingContext = ChatSupport.Bot.Routing.RoutingContext;

namespace ChatSupport.Bot.Eval;

/// <summary>
/// `eval --knowledge DIR --input QUESTIONS.jsonl --output RESULTS.jsonl` (see the knowledge contract): routes every
/// question as the first message of a new conversation with the live bot's router and, when a model is configured
/// (ModelAssist__Endpoint…), the live bot's model step, so both give the same decisions. Needs no Redis and no
/// network (unless an embeddings endpoint or a model is configured through the environment). Exit 0 on success, 2
/// on bad arguments or input.
/// </summary>
public static class EvalCommand
{
    public const string Usage = "usage: eval --knowledge DIR --input QUESTIONS.jsonl --output RESULTS.jsonl [--trace TRACE.jsonl]";

    public static async Task<int> RunAsync(string[] args) => await RunAsync(args, Console.Out, Console.Error);

    /// <param name="environment">The environment variables the <c>Routing__…</c>, <c>Knowledge__…</c> and <c>ModelAssist__…</c>
    /// overrides are read from (default: the process's). Tests pass their own, so they never change what other hosts in the
    /// process read.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr,
        IEnumerable<KeyValuePair<string, string?>>? environment = null)
    {
        if (!TryParse(args, out var knowledgeDir, out var input, out var output, out var trace, out var error))
        {
            await stderr.WriteLineAsync($"eval: {error}\n{Usage}");
            return 2;
        }
        // `dotnet run --project bot` starts the program in the project folder, while the paths on the command line
        // are meant relative to where the command was typed; the shell's PWD says where that was.
        var baseDir = Environment.GetEnvironmentVariable("PWD") is { Length: > 0 } pwd && Directory.Exists(pwd) ? pwd : Environment.CurrentDirectory;
        knowledgeDir = Path.GetFullPath(knowledgeDir, baseDir);
        input = Path.GetFullPath(input, baseDir);
        output = Path.GetFullPath(output, baseDir);
        if (trace is not null) trace = Path.GetFullPath(trace, baseDir);
        if (!Directory.Exists(knowledgeDir))
        {
            await stderr.WriteLineAsync($"eval: knowledge folder not found: {knowledgeDir}");
            return 2;
        }
        if (!File.Exists(input))
        {
            await stderr.WriteLineAsync($"eval: input file not found: {input}");
            return 2;
        }

        var questions = new List<(JsonNode Id, string Text)>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(input))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            JsonObject? obj;
            try
            {
                obj = JsonNode.Parse(line) as JsonObject;
            }
            catch (JsonException ex)
            {
                await stderr.WriteLineAsync($"eval: {input} line {lineNumber}: not valid JSON ({ex.Message})");
                return 2;
            }
            if (obj is null || obj["id"] is not { } id)
            {
                await stderr.WriteLineAsync($"eval: {input} line {lineNumber}: expected a JSON object with an \"id\"");
                return 2;
            }
            var text = obj["text"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
            questions.Add((id.DeepClone(), text));
        }

        // The overrides go through the bot's own option registrations (binding and validation), so a setting means the
        // same here as in the live bot and a value it would refuse at start is refused here, not silently ignored.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(ConfigurationKeys(environment ?? ProcessEnvironment()).Append(new("Knowledge:Path", knowledgeDir)))
            .Build();
        using var settings = new ServiceCollection().AddSingleton<IConfiguration>(configuration)
            .AddKnowledgeOptions().AddRoutingOptions().AddModelAssistOptions().BuildServiceProvider();
        KnowledgeOptions knowledgeOptions;
        RoutingOptions routingOptions;
        ModelAssistOptions modelOptions;
        try
        {
            knowledgeOptions = settings.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            routingOptions = settings.GetRequiredService<IOptions<RoutingOptions>>().Value;
            modelOptions = settings.GetRequiredService<IOptions<ModelAssistOptions>>().Value;
        }
        catch (Exception ex) when (ex is OptionsValidationException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"eval: a setting from the environment is not valid: {ex.Message}");
            return 2;
        }
        using IEmbeddingGenerator<string, Embedding<float>> embeddings = knowledgeOptions.Embeddings.IsConfigured
            ? OpenAiEmbeddingGenerator.Create(new Uri(knowledgeOptions.Embeddings.Endpoint!), knowledgeOptions.Embeddings.ApiKey ?? "",
                knowledgeOptions.Embeddings.Model, TimeSpan.FromMilliseconds(knowledgeOptions.Embeddings.TimeoutMilliseconds))
            : new LocalNGramEmbeddingGenerator();

        var watch = Stopwatch.StartNew();
        // The folder is calibrated with the matcher weights the router will score with (Knowledge__Matcher__*), as the
        // bot's loader does with its options: with the defaults here, an override scored against thresholds learnt for other weights.
        var snapshot = await new KnowledgeLoader(embeddings, Options.Create(knowledgeOptions)).LoadAsync(Path.GetFullPath(knowledgeDir), null);
        foreach (var e in snapshot.Errors) await stderr.WriteLineAsync($"eval: knowledge {e.File} line {e.Line}: {e.Reason}");
        // As the bot's Routing:IntentModelCacheFolder: a run can keep its trained intent model in a folder of its own.
        Routing.Intent.IntentModelCache.Configure(configuration["Routing:IntentModelCacheFolder"]);
        var knowledge = new FixedKnowledgeSource(snapshot);
        var router = new MessageRouter(knowledge, Options.Create(routingOptions), Options.Create(knowledgeOptions));
        using var modelClient = ModelAssistRegistration.ChatClientFor(modelOptions);
        var modelAssist = ModelAssistRegistration.CreateRouting(modelClient, modelOptions, knowledge, routingOptions,
            NullLogger<ModelAssistedRouting>.Instance);
        // As the bot does at start: otherwise compiling the client stack eats the first low-confidence line's budget.
        if (modelClient is not null) await ModelAssistWarmUp.RunAsync(modelOptions, CancellationToken.None);

        var outputDir = Path.GetDirectoryName(Path.GetFullPath(output));
        if (outputDir is not null) Directory.CreateDirectory(outputDir);
        await using (var writer = new StreamWriter(output, append: false, new System.Text.UTF8Encoding(false)))
        await using (var traceWriter = trace is null ? null : new StreamWriter(trace, append: false, new System.Text.UTF8Encoding(false)))
        {
            foreach (var (id, text) in questions)
            {
                var offline = router.Route(text, RoutingContext.FirstMessage);
                var decision = await modelAssist.DecideAsync(text, offline, RoutingContext.FirstMessage, CancellationToken.None);
                await writer.WriteLineAsync(ToJsonLine(id, decision));
                if (traceWriter is not null) await traceWriter.WriteLineAsync(TraceLine(id, text, decision, router));
            }
        }
        if (trace is not null)
        {
            var calibration = snapshot.Calibration;
            var dump = new JsonObject
            {
                ["answer"] = calibration.Answer,
                ["clarify"] = calibration.Clarify,
                ["evidence"] = calibration.LowestScoreFor(
                    Knowledge.Matching.BelowThresholdAnswerRule.Evidence(routingOptions.EvidenceLeadRatio, routingOptions.EvidenceMaxUnexplainedShare)),
                ["evidenceMaxUnexplained"] = routingOptions.EvidenceMaxUnexplainedShare,
                ["evidenceLeadRatio"] = routingOptions.EvidenceLeadRatio,
                ["offTopicUnexplained"] = new JsonArray(calibration.OffTopicMatches.OrderBy(o => o.Best.Score)
                    .Select(o => (JsonNode)new JsonArray(Math.Round(o.Best.Score, 4), Math.Round(o.RunnerUp, 4), Math.Round(o.Best.UnexplainedShare, 4), o.Best.Penalty)).ToArray()),
                ["heldOut"] = new JsonArray(calibration.HeldOut.OrderBy(h => h.Score)
                    .Select(h => (JsonNode)new JsonArray(Math.Round(h.Score, 4), h.Correct)).ToArray()),
                ["offTopic"] = new JsonArray(calibration.OffTopicMatches.OrderBy(o => o.Best.Score)
                    .Select(o => (JsonNode)new JsonArray(Math.Round(o.Best.Score, 4), Math.Round(o.RunnerUp, 4), o.Best.Faq.Id)).ToArray()),
            };
            await File.WriteAllTextAsync(trace + ".calibration.json", dump.ToJsonString(LineOptions));
        }
        await stdout.WriteLineAsync(
            $"eval: {questions.Count} questions, {snapshot.Entries.Count} FAQs ({snapshot.Errors.Count} file errors), {watch.ElapsedMilliseconds} ms -> {output}; " +
            $"learnt thresholds answer {snapshot.Calibration.Answer:F3} clarify {snapshot.Calibration.Clarify:F3} suggest {snapshot.Calibration.Suggest:F3} " +
            $"lead {snapshot.Calibration.LowestScoreFor(Knowledge.Matching.BelowThresholdAnswerRule.Lead(routingOptions.LeadRatio, routingOptions.LeadMinContentShare)):F3} " +
            $"evidence {snapshot.Calibration.LowestScoreFor(Knowledge.Matching.BelowThresholdAnswerRule.Evidence(routingOptions.EvidenceLeadRatio, routingOptions.EvidenceMaxUnexplainedShare)):F3} " +
            $"(off-topic max {snapshot.Calibration.OffTopicMax:F3}; {snapshot.Calibration.Source})");
        return 0;
    }

    private static readonly JsonSerializerOptions LineOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>One output line in the contract's shape.</summary>
    public static string ToJsonLine(JsonNode id, RoutingDecision decision)
    {
        var obj = new JsonObject
        {
            ["id"] = id.DeepClone(),
            ["route"] = decision.Route.ToString().ToLowerInvariant(),
        };
        switch (decision.Route)
        {
            case Route.Answer:
                obj["faqId"] = decision.FaqId;
                break;
            case Route.Clarify:
                obj["candidates"] = new JsonArray(decision.Candidates.Select(c => (JsonNode)JsonValue.Create(c.FaqId)!).ToArray());
                break;
            case Route.Handoff:
                obj["reason"] = (decision.Reason ?? HandoffReason.Human).ToWireName();
                break;
        }
        obj["score"] = Math.Round(Math.Clamp(decision.Score, 0, 1), 4);
        return obj.ToJsonString(LineOptions);
    }

    /// <summary>
    /// One trace line (--trace, for reading misses): the decision's explanation, the normalised text and the top
    /// candidates with their score parts and evidence. Not part of the contract's output.
    /// </summary>
    private static string TraceLine(JsonNode id, string text, RoutingDecision decision, MessageRouter router)
    {
        var (_, candidates) = router.Explain(text, RoutingContext.FirstMessage);
        var obj = new JsonObject
        {
            ["id"] = id.DeepClone(),
            ["text"] = text,
            ["normalized"] = decision.NormalizedText,
            ["route"] = decision.Route.ToString().ToLowerInvariant(),
            ["faqId"] = decision.FaqId,
            ["reason"] = decision.Reason?.ToWireName(),
            ["explanation"] = decision.Explanation,
            ["candidates"] = new JsonArray(candidates.Select(c => (JsonNode)new JsonObject
            {
                ["faqId"] = c.Faq.Id,
                ["score"] = Math.Round(c.Score, 4),
                ["coverage"] = Math.Round(c.Coverage, 4),
                ["similarity"] = Math.Round(c.Similarity, 4),
                ["recall"] = Math.Round(c.PhrasingRecall, 4),
                ["topic"] = Math.Round(c.TopicCoverage, 4),
                ["content"] = Math.Round(c.ContentShare, 4),
                ["messageContent"] = Math.Round(c.MessageContentShare, 4),
                ["penalty"] = Math.Round(c.Penalty, 4),
                ["unexplained"] = Math.Round(c.UnexplainedShare, 4),
                ["unexplainedWords"] = new JsonArray(c.UnexplainedWords.Select(w => (JsonNode)JsonValue.Create(w)!).ToArray()),
                ["evidence"] = new JsonArray(c.Evidence.Select(e => (JsonNode)JsonValue.Create(e)!).ToArray()),
            }).ToArray()),
        };
        return obj.ToJsonString(LineOptions);
    }

    private static bool TryParse(string[] args, out string knowledge, out string input, out string output, out string? trace, out string error)
    {
        knowledge = input = output = error = "";
        trace = null;
        var values = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is not ("--knowledge" or "--input" or "--output" or "--trace"))
            {
                error = $"unknown argument '{name}'";
                return false;
            }
            if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                error = $"{name} needs a value";
                return false;
            }
            values[name] = args[++i];
        }
        foreach (var required in new[] { "--knowledge", "--input", "--output" })
        {
            if (!values.ContainsKey(required))
            {
                error = $"missing {required}";
                return false;
            }
        }
        knowledge = values["--knowledge"];
        input = values["--input"];
        output = values["--output"];
        trace = values.GetValueOrDefault("--trace");
        return true;
    }

    private static IEnumerable<KeyValuePair<string, string?>> ProcessEnvironment() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .Select(e => new KeyValuePair<string, string?>((string)e.Key, e.Value as string));

    /// <summary>Routing__AnswerThreshold → Routing:AnswerThreshold, as the host's environment-variables provider reads them.</summary>
    private static IEnumerable<KeyValuePair<string, string?>> ConfigurationKeys(IEnumerable<KeyValuePair<string, string?>> variables) =>
        variables.Select(v => new KeyValuePair<string, string?>(v.Key.Replace("__", ConfigurationPath.KeyDelimiter), v.Value));
}
