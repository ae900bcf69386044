using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatSupport.Bot.Protocol;

/// <summary>
/// A state bag (conversation or user) loaded at the start of a turn with its ETag and saved at the end
/// only if something changed, with the ETag checked so a concurrent writer's change is never lost.
/// </summary>
public sealed class TurnState(string key, JsonObject values, string? etag)
{
    public string Key { get; } = key;
    public string? ETag { get; } = etag;
    public bool Changed { get; private set; }
    internal JsonObject Values { get; } = values;

    public T? Get<T>(string name) =>
        Values.TryGetPropertyValue(name, out var node) && node is not null ? node.Deserialize<T>(ProtocolJson.Options) : default;

    /// <summary>Sets a value; setting what is already there is not a change (so the turn saves nothing and bumps no ETag).</summary>
    public void Set<T>(string name, T value)
    {
        var node = JsonSerializer.SerializeToNode(value, ProtocolJson.Options);
        if (Values.TryGetPropertyValue(name, out var current) && JsonNode.DeepEquals(current, node)) return;
        Values[name] = node;
        Changed = true;
    }

    public void Remove(string name) => Changed |= Values.Remove(name);
}
