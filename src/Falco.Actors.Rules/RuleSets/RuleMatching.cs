namespace Falco.Actors.Rules.RuleSets;

/// <summary>falco.yaml <c>rule_matching</c>: alert only the earliest-defined matching rule (default), or every one.</summary>
public enum RuleMatching
{
    First,
    All,
}
