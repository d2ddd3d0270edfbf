namespace Falco.Actors.Engine.Outputs;

/// <summary>
/// The router's settings: <see cref="QueueCapacity"/> alerts queued per output at most (<c>outputs_queue.capacity</c>;
/// an output whose queue is full drops, counted, and never holds the sources or the other outputs).
/// </summary>
public sealed record OutputRouterOptions(int QueueCapacity)
{
    /// <summary>The router is the cluster's output singleton: it tracks and publishes what each source has written.</summary>
    public bool Clustered { get; init; }

    public static readonly OutputRouterOptions Default = new(Configuration.OutputsQueueConfig.DefaultCapacity);
}
