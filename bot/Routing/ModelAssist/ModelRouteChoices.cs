using System.Text.Json;
using System.Text.Json.Nodes;
using ChatSupport.HandoffContract;

namespace ChatSupport.Bot.Routing.ModelAssist;

/// <summary>
/// The closed set the model may choose from for one message: the candidate FAQ ids, the three handoff reasons and
/// <see cref="Fallback"/>. Anything else the model says is not a choice.
/// </summary>
public sealed class ModelRouteChoices
{
    public const string Fallback = "fallback";
    public static readonly IReadOnlyList<string> HandoffReasons =
        [HandoffReason.AfterSales.ToWireName(), HandoffReason.Complaint.ToWireName(), HandoffReason.Human.ToWireName()];

    public IReadOnlyList<RouteCandidate> Faqs { get; }
    public IReadOnlyList<string> All { get; }

    public ModelRouteChoices(IReadOnlyList<RouteCandidate> faqs)
    {
        // An FAQ id that collides with a reserved word would make the answer ambiguous: such an FAQ is not offered.
        Faqs = faqs.Where(f => f.FaqId != Fallback && !HandoffReasons.Contains(f.FaqId)).DistinctBy(f => f.FaqId).ToList();
        All = [.. Faqs.Select(f => f.FaqId), .. HandoffReasons, Fallback];
    }

    /// <summary>Structured output: one property whose value must be one of the choices (JSON schema with an enum).</summary>
    public JsonElement ResponseSchema()
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["choice"] = new JsonObject
                {
                    ["type"] = "string",
                    ["enum"] = new JsonArray(All.Select(c => (JsonNode)JsonValue.Create(c)!).ToArray()),
                },
            },
            ["required"] = new JsonArray("choice"),
            ["additionalProperties"] = false,
        };
        return JsonSerializer.SerializeToElement(schema);
    }

    /// <summary>The model's reply as one of the choices, or null when it is not valid JSON of the schema's shape or not in the set.</summary>
    public string? Parse(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply)) return null;
        var text = reply.Trim();
        // Some compatible servers wrap JSON in a Markdown fence even when asked for a schema.
        if (text.StartsWith("```", StringComparison.Ordinal))
        {
            var firstLine = text.IndexOf('\n');
            var lastFence = text.LastIndexOf("```", StringComparison.Ordinal);
            if (firstLine < 0 || lastFence <= firstLine) return null;
            text = text[(firstLine + 1)..lastFence].Trim();
        }
        try
        {
            if (JsonNode.Parse(text) is not JsonObject obj || obj["choice"] is not JsonValue value || !value.TryGetValue<string>(out var choice))
                return null;
            return All.Contains(choice, StringComparer.Ordinal) ? choice : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
