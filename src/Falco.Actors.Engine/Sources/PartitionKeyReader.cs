using System.Text;
using Falco.Actors.Engine.Monitoring;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Evaluation;
using Falco.Actors.Rules.Output;

namespace Falco.Actors.Engine.Sources;

/// <summary>
/// Picks an event's partition from the value of one field (<c>ct.user.accountid</c>), so every event with the same
/// value goes to the same evaluator and keeps its order. It owns its own plugin states (created and called by the
/// source actor only) and extracts just that one field. Events without the field go to partition 0.
/// Allocates nothing per event once its buffer has grown.
/// </summary>
public sealed class PartitionKeyReader : IDisposable
{
    private readonly OwnerExtractors _extractors;
    private readonly EvalContext _context;
    private readonly CompiledValue _value;
    private readonly StringBuilder _text = new();
    private readonly int _partitions;
    private readonly PluginCallSlot _calls;

    /// <param name="calls">Where the owner marks its plugin calls (the source actor's slot).</param>
    public PartitionKeyReader(SourceFields fields, string field, int partitions, PluginCallSlot? calls = null)
    {
        _partitions = partitions;
        _calls = calls ?? PluginCallSlot.Unwatched("the partition key reader", fields.Source);
        var compiler = new FilterCompiler(fields.Registry);
        _value = Compile(compiler, field);
        _extractors = WatchedExtractors.Create(fields, _calls);
        _context = compiler.CreateContext(_extractors.Extractors);
        _context.UsePlan(compiler.Slots.PlanFor([_value.Slot]));
    }

    /// <summary>Checks that <paramref name="field"/> is a field of the source (before any state is created).</summary>
    public static void Validate(SourceFields fields, string field) => Compile(new FilterCompiler(fields.Registry), field);

    private static CompiledValue Compile(FilterCompiler compiler, string field)
    {
        try
        {
            return CompiledOutput.Compile("%" + field, compiler).Fields.Single().Value;
        }
        catch (Exception e) when (e is FilterCompileException or OutputTemplateException or InvalidOperationException)
        {
            throw new ArgumentException(
                $"engine_actors.partition_key: '{field}' is not a field of the event source '{compiler.Registry.Source}': {e.Message}", e);
        }
    }

    public int PartitionOf(in PluginEvent evt)
    {
        _context.Reset(evt);
        _text.Clear();
        if (!_value.TryFormat(_context, _text))
        {
            return 0;
        }
        // FNV-1a over the value's text: stable across processes (string.GetHashCode is not).
        var hash = 2166136261u;
        foreach (var chunk in _text.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                hash = (hash ^ c) * 16777619u;
            }
        }
        return (int)(hash % (uint)_partitions);
    }

    public void Dispose() => WatchedExtractors.Destroy(_extractors, _calls);
}
