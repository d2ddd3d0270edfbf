namespace Falco.Actors.Rules.RuleSets;

/// <summary>How a <see cref="RuleSet"/> selects and runs its rules.</summary>
public sealed record RuleSetOptions
{
    public RuleMatching Matching { get; init; } = RuleMatching.First;

    /// <summary>falco.yaml <c>priority</c>: less severe rules are never enabled.</summary>
    public Priority MinimumPriority { get; init; } = Priority.Debug;

    /// <summary>falco.yaml <c>rules:</c>: enable and disable rules by name or tag, in order, after loading.</summary>
    public IReadOnlyList<RuleSelection> Selections { get; init; } = [];

    /// <summary>Run only the rules that can match an event's indexed field value (same results either way).</summary>
    public bool UseIndex { get; init; } = true;
}
