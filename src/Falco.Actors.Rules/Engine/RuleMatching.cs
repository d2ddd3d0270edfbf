namespace Falco.Actors.Rules.Engine;

/// <summary>falco.yaml <c>rule_matching</c>: alert only the earliest-defined matching rule (default), or every one.</summary>
public enum RuleMatching
{
    First,
    All,
}
