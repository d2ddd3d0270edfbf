namespace Falco.Actors.Engine.Configuration;

/// <summary><c>rule_matching</c>: stop at the first matching rule of an event, or alert for every matching rule.</summary>
public enum RuleMatching
{
    First,
    All,
}
