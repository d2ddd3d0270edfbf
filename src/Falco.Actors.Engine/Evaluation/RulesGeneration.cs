namespace Falco.Actors.Engine.Evaluation;

/// <summary>
/// One compiled rule set of every source of a node, immutable, numbered from 1 (the rules of the start) up by one
/// per reload. Evaluators switch to a newer one between batches (<see cref="NodeRules.Current"/>).
/// </summary>
public sealed class RulesGeneration
{
    private readonly Dictionary<string, SourceRules> _bySource;

    public RulesGeneration(long number, IEnumerable<SourceRules> sources)
    {
        Number = number;
        _bySource = sources.ToDictionary(s => s.Source, StringComparer.Ordinal);
    }

    public long Number { get; }

    public IEnumerable<string> Sources => _bySource.Keys;

    public SourceRules For(string source) =>
        _bySource.TryGetValue(source, out var rules)
            ? rules
            : throw new InvalidOperationException(
                $"no rules are compiled on this node for the event source '{source}' (known: {string.Join(", ", _bySource.Keys)})");

    /// <summary>The active rules of every source.</summary>
    public int RuleCount => _bySource.Values.Sum(s => s.RuleSet.ActiveRules.Count);
}
