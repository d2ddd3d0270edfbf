using System.Runtime.CompilerServices;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Native;
using Falco.Actors.Rules.Fields;
using static Falco.Actors.Plugins.Tests.Native.TestPlugins;

namespace Falco.Actors.Plugins.Tests.Native;

/// <summary>The per-event path allocates nothing once warm, and the interop structs have the ABI's sizes (§4).</summary>
public sealed class AllocationAndLayoutTests
{
    [Theory]
    [InlineData("counter", "counter.n", "counter.text", "counter.tag")]
    [InlineData("legacy2", "legacy.n", "legacy.text", "legacy.tag")]
    [InlineData("seed_source", "seed.n", "seed.text", "seed.tag")]
    public void Streaming_and_extracting_allocate_nothing_in_steady_state(string name, string number, string text, string keyed)
    {
        var plugin = Load(name);
        using var instance = plugin.CreateInstance("""{"batch": 10, "count": 100000}""");
        using var session = instance.Open("");
        var requests = new[]
        {
            Request(plugin.Info, 0, number), Request(plugin.Info, 1, text),
            Request(plugin.Info, 2, keyed, FieldArgument.OfKey("key")),
        };
        var values = new FieldValues();
        var batch = new EventBatch(16, 4096);
        var extractor = instance.Extractor!;
        void Run(int batches)
        {
            for (var b = 0; b < batches; b++)
            {
                batch.Clear();
                session.NextBatch(batch);
                for (var i = 0; i < batch.Count; i++)
                {
                    values.Reset();
                    extractor.Extract(batch[i], requests, values);
                }
            }
        }
        Run(50);
        var before = GC.GetAllocatedBytesForCurrentThread();
        Run(500);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(values.HasValue(0));
    }

    [Fact]
    public void Interop_structs_have_the_abi_sizes()
    {
        Assert.Equal(26, Unsafe.SizeOf<ScapEventHeader>());
        Assert.Equal(24, Unsafe.SizeOf<EventInput>());
        Assert.Equal(16, Unsafe.SizeOf<ByteBuffer>());
        Assert.Equal(64, Unsafe.SizeOf<ExtractField3>());
        Assert.Equal(64, Unsafe.SizeOf<ExtractField2>());
        Assert.Equal(48, Unsafe.SizeOf<ExtractField0>());
        Assert.Equal(80, Unsafe.SizeOf<FieldExtractInput>());
        Assert.Equal(40, Unsafe.SizeOf<InitInput>());
        Assert.Equal(32, Unsafe.SizeOf<LegacyEvent>());
    }
}
