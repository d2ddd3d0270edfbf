using Akka.Actor;
using Falco.Actors.Engine.Cluster.Serialization;
using Falco.Actors.Plugins.Events;

namespace Falco.Actors.Engine.Evaluation;

/// <summary>A message for one rule-evaluator entity, addressed by its entity id <c>&lt;source&gt;/&lt;partition&gt;</c>.</summary>
public interface IEvaluatorMessage
{
    string EntityId { get; }
}

/// <summary>
/// A batch of one source to evaluate. <paramref name="Seq"/> numbers the source's batches from 1 (the output router
/// puts alerts back in this order). Alerts go to <paramref name="Outputs"/>, then <see cref="BatchDone"/> to
/// <paramref name="ReplyTo"/>. In process the batch is passed by reference: the sender does not touch it until
/// <see cref="BatchDone"/> (a wire serializer will copy it when it crosses nodes).
/// </summary>
public sealed record EvaluateBatch(string EntityId, string Source, long Seq, EventBatch Batch, IActorRef Outputs, IActorRef ReplyTo)
    : IEvaluatorMessage, IWireMessage
{
    public static string EntityIdOf(string source, int partition) => $"{source}/{partition}";
}

/// <summary>A batch was evaluated and its alerts handed to the outputs: the source gets its credit back.</summary>
public sealed record BatchDone(string Source, long Seq, int Events, int Alerts, int Errors) : IWireMessage;
