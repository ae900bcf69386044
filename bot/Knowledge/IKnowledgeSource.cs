namespace ChatSupport.Bot.Knowledge;

/// <summary>Where the router reads the current knowledge from: the hot-reloading store, or a fixed snapshot (eval, tests).</summary>
public interface IKnowledgeSource
{
    KnowledgeSnapshot Current { get; }
}

public sealed class FixedKnowledgeSource(KnowledgeSnapshot snapshot) : IKnowledgeSource
{
    public KnowledgeSnapshot Current { get; } = snapshot;
}
