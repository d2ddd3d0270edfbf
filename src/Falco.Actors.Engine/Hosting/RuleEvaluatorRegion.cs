namespace Falco.Actors.Engine.Hosting;

/// <summary>The key of the rule-evaluator shard region in Akka.Hosting's actor registry.</summary>
public sealed class RuleEvaluatorRegion;
