namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// The router's settings: <see cref="QueueCapacity"/> alerts queued per output at most (<c>outputs_queue.capacity</c>;
/// an output whose queue is full drops, counted, and never holds the sources or the other outputs).
/// </summary>
public sealed record OutputRouterOptions(int QueueCapacity)
{
    /// <summary>
    /// The child that keeps what each source has written, when the router tracks it: in a cluster (the router is the
    /// output singleton) the <see cref="WrittenPositionsPublisher"/>, on one node with a state folder the
    /// <see cref="State.EngineStateKeeper"/>; null: the router does not track positions (one node, no state folder).
    /// </summary>
    public Akka.Actor.Props? Positions { get; init; }

    public static readonly OutputRouterOptions Default = new(Configuration.OutputsQueueConfig.DefaultCapacity);
}
