using Falco.Actors.Json.Extraction;
using Falco.Actors.Json.Parsing;
using Falco.Actors.Rules.Events;

namespace Falco.Actors.Json.Tests;

/// <summary>An owner's parsed record: parsed once per event, whoever asks and however often.</summary>
public sealed class RecordCacheTests
{
    private static readonly ReadOnlyMemory<byte> First = """{"n": 1}"""u8.ToArray();
    private static readonly ReadOnlyMemory<byte> Second = """{"n": 2}"""u8.ToArray();

    private static string N(JsonTape tape) => System.Text.Encoding.UTF8.GetString(tape.Raw(tape.Property(JsonTape.Root, "n"u8)));

    [Fact]
    public void The_same_event_is_parsed_once()
    {
        var cache = new RecordCache();
        var evt = new PluginEvent(1, 10, 2, First);

        Assert.Equal("1", N(cache.Get(evt)));
        Assert.Same(cache.Get(evt), cache.Get(evt));
        Assert.Equal(1, cache.ParseCount);
    }

    [Fact]
    public void Another_event_number_or_payload_is_parsed_again()
    {
        var cache = new RecordCache();
        cache.Get(new PluginEvent(1, 10, 2, First));

        Assert.Equal("1", N(cache.Get(new PluginEvent(2, 10, 2, First))));
        Assert.Equal("2", N(cache.Get(new PluginEvent(2, 10, 2, Second))));
        Assert.Equal(3, cache.ParseCount);
    }

    [Fact]
    public void A_cleared_cache_parses_the_next_event_even_if_it_is_the_same()
    {
        var cache = new RecordCache();
        var evt = new PluginEvent(1, 10, 2, First);
        cache.Get(evt);
        cache.Clear();

        Assert.Equal("1", N(cache.Get(evt)));
        Assert.Equal(2, cache.ParseCount);
    }

    [Fact]
    public void A_payload_that_is_not_JSON_gives_an_invalid_tape()
    {
        var tape = new RecordCache().Get(new PluginEvent(1, 10, 2, "not json"u8.ToArray()));
        Assert.False(tape.IsValid);
    }

    [Fact]
    public void Each_thread_has_its_own_shared_cache()
    {
        var here = RecordCache.Shared;
        RecordCache? there = null;
        var thread = new Thread(() => there = RecordCache.Shared);
        thread.Start();
        thread.Join();

        Assert.Same(here, RecordCache.Shared);
        Assert.NotSame(here, there);
    }
}
