using Mono.Cecil;
using Mono.Cecil.Cil;

namespace ChatSupport.HandoffDashboard.Tests.Architecture;

/// <summary>
/// The dashboard's feature folders (namespaces <c>ChatSupport.HandoffDashboard.&lt;Feature&gt;</c>) depend on each other
/// one way only. The graph is read from the compiled assembly's IL with Mono.Cecil: every type a feature's code names
/// (signatures, fields, attributes, and the method bodies, closures and async state machines included) counts.
/// </summary>
public sealed class FeatureDependencyTests
{
    private const string Root = "ChatSupport.HandoffDashboard";

    [Fact]
    public void FeatureFoldersHaveNoDependencyCycle()
    {
        var graph = FeatureGraph();
        Assert.True(graph.Count >= 15, "the scan found the features: " + string.Join(", ", graph.Keys));
        var cycles = Cycles(graph);
        Assert.True(cycles.Count == 0, "feature cycles:\n" + string.Join("\n", cycles.Select(c => string.Join(" -> ", c))));
    }

    [Fact]
    public void TheScanSeesWhatTheCodeUses()
    {
        var graph = FeatureGraph();
        // The composition root (DashboardApplication, no feature) is not a node; the endpoints' agent type is Auth's.
        Assert.DoesNotContain(graph.Keys, k => k.Length == 0);
        Assert.Contains("Auth", graph["Conversations"]);
        // Called inside the search endpoint's handler only (a method body): Conversations' access rule.
        Assert.Contains("Conversations", graph["Search"]);
        // Implementing another feature's interface is depending on it: the complaint register files its figures with Reports.
        Assert.Contains("Reports", graph["Complaints"]);
        Assert.DoesNotContain("Complaints", graph["Reports"]);
    }

    [Fact]
    public void ACycleIsReported()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["A"] = ["B"], ["B"] = ["C"], ["C"] = ["A"], ["D"] = ["A"],
        };
        var cycle = Assert.Single(Cycles(graph));
        Assert.Equal(["A", "B", "C", "A"], cycle);
    }

    internal static Dictionary<string, HashSet<string>> FeatureGraph()
    {
        var path = typeof(DashboardApplication).Assembly.Location;
        using var module = ModuleDefinition.ReadModule(path);
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var type in module.GetTypes())
        {
            var from = FeatureOf(type);
            if (from is null) continue;
            var edges = graph.TryGetValue(from, out var set) ? set : graph[from] = [];
            foreach (var used in ReferencedTypes(type))
            {
                var to = FeatureOf(used);
                if (to is not null && to != from) edges.Add(to);
            }
        }
        return graph;
    }

    /// <summary>The feature of a type: the namespace segment after the root, for nested (compiler-made) types their outermost type's.</summary>
    private static string? FeatureOf(TypeReference type)
    {
        while (type is TypeSpecification spec) type = spec.ElementType;
        while (type.DeclaringType is not null) type = type.DeclaringType;
        var ns = type.Namespace;
        if (!ns.StartsWith(Root + ".", StringComparison.Ordinal)) return null;
        return ns[(Root.Length + 1)..].Split('.')[0];
    }

    private static IEnumerable<TypeReference> ReferencedTypes(TypeDefinition type)
    {
        if (type.BaseType is not null) foreach (var t in Expand(type.BaseType)) yield return t;
        foreach (var i in type.Interfaces) foreach (var t in Expand(i.InterfaceType)) yield return t;
        foreach (var a in type.CustomAttributes) foreach (var t in Attribute(a)) yield return t;
        foreach (var field in type.Fields)
        {
            foreach (var t in Expand(field.FieldType)) yield return t;
            foreach (var a in field.CustomAttributes) foreach (var t in Attribute(a)) yield return t;
        }
        foreach (var property in type.Properties)
        {
            foreach (var t in Expand(property.PropertyType)) yield return t;
            foreach (var a in property.CustomAttributes) foreach (var t in Attribute(a)) yield return t;
        }
        foreach (var method in type.Methods)
        {
            foreach (var t in Expand(method.ReturnType)) yield return t;
            foreach (var p in method.Parameters)
            {
                foreach (var t in Expand(p.ParameterType)) yield return t;
                foreach (var a in p.CustomAttributes) foreach (var t in Attribute(a)) yield return t;
            }
            foreach (var a in method.CustomAttributes) foreach (var t in Attribute(a)) yield return t;
            if (!method.HasBody) continue;
            foreach (var local in method.Body.Variables) foreach (var t in Expand(local.VariableType)) yield return t;
            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        foreach (var x in Expand(t)) yield return x;
                        break;
                    case MethodReference m:
                        foreach (var x in Expand(m.DeclaringType)) yield return x;
                        foreach (var x in Expand(m.ReturnType)) yield return x;
                        foreach (var p in m.Parameters) foreach (var x in Expand(p.ParameterType)) yield return x;
                        if (m is GenericInstanceMethod g) foreach (var arg in g.GenericArguments) foreach (var x in Expand(arg)) yield return x;
                        break;
                    case FieldReference f:
                        foreach (var x in Expand(f.DeclaringType)) yield return x;
                        foreach (var x in Expand(f.FieldType)) yield return x;
                        break;
                }
            }
        }
    }

    private static IEnumerable<TypeReference> Attribute(CustomAttribute attribute)
    {
        foreach (var t in Expand(attribute.AttributeType)) yield return t;
        foreach (var argument in attribute.ConstructorArguments)
        {
            if (argument.Value is TypeReference t) foreach (var x in Expand(t)) yield return x;
        }
    }

    /// <summary>A type and the types inside it: array and by-ref element types, generic arguments.</summary>
    private static IEnumerable<TypeReference> Expand(TypeReference? type)
    {
        if (type is null || type is GenericParameter) yield break;
        yield return type;
        if (type is GenericInstanceType generic)
        {
            foreach (var arg in generic.GenericArguments) foreach (var x in Expand(arg)) yield return x;
        }
        if (type is TypeSpecification spec) foreach (var x in Expand(spec.ElementType)) yield return x;
    }

    /// <summary>One cycle (start -> ... -> start) per strongly connected group of two or more features.</summary>
    internal static List<List<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();
        var groups = new List<HashSet<string>>();
        var counter = 0;

        void Visit(string v)
        {
            index[v] = low[v] = counter++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in graph.GetValueOrDefault(v) ?? [])
            {
                if (!index.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w))
                {
                    low[v] = Math.Min(low[v], index[w]);
                }
            }
            if (low[v] != index[v]) return;
            var group = new HashSet<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                group.Add(x);
            } while (x != v);
            if (group.Count > 1) groups.Add(group);
        }

        foreach (var v in graph.Keys.Order(StringComparer.Ordinal)) if (!index.ContainsKey(v)) Visit(v);

        // Name one concrete cycle in each group: a shortest path back to its first feature, inside the group.
        return groups.Select(group =>
        {
            var start = group.Order(StringComparer.Ordinal).First();
            var previous = new Dictionary<string, string>();
            var queue = new Queue<string>([start]);
            while (queue.Count > 0)
            {
                var v = queue.Dequeue();
                foreach (var w in (graph.GetValueOrDefault(v) ?? []).Where(group.Contains).Order(StringComparer.Ordinal))
                {
                    if (w == start)
                    {
                        var path = new List<string> { start };
                        for (var at = v; at != start; at = previous[at]) path.Insert(1, at);
                        path.Add(start);
                        return path;
                    }
                    if (previous.TryAdd(w, v)) queue.Enqueue(w);
                }
            }
            return group.ToList();
        }).ToList();
    }
}
