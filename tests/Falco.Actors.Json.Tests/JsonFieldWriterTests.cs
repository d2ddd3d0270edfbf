using System.Text;
using Falco.Actors.Json.Extraction;
using Falco.Actors.Json.Parsing;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Json.Tests;

/// <summary>Tape nodes written into field values as UTF-8 text.</summary>
public sealed class JsonFieldWriterTests
{
    private readonly JsonTape _tape = new();
    private readonly FieldValues _values = new();

    public JsonFieldWriterTests()
    {
        _tape.Parse("""{"s": "a\"b\u00e9", "plain": "x", "n": 12, "o": { "k" : [ 1, "two words" ] }}"""u8.ToArray());
        _values.Reset();
        _values.MarkExtracted(0);
    }

    private int Node(string name) => _tape.Property(JsonTape.Root, Encoding.UTF8.GetBytes(name));

    private List<string> Values() => [.. Enumerable.Range(0, _values.Count(0)).Select(i => _values.GetString(0, i))];

    [Fact]
    public void A_string_is_written_decoded_and_anything_else_is_not_a_string()
    {
        Assert.True(JsonFieldWriter.AddString(_values, 0, _tape, Node("s")));
        Assert.True(JsonFieldWriter.AddString(_values, 0, _tape, Node("plain")));
        Assert.False(JsonFieldWriter.AddString(_values, 0, _tape, Node("n")));
        Assert.False(JsonFieldWriter.AddString(_values, 0, _tape, Node("missing")));
        Assert.Equal(["a\"bé", "x"], Values());
    }

    [Fact]
    public void StringOrEmpty_gives_present_non_strings_as_empty_text_and_missing_nodes_nothing()
    {
        Assert.True(JsonFieldWriter.AddStringOrEmpty(_values, 0, _tape, Node("n")));
        Assert.True(JsonFieldWriter.AddStringOrEmpty(_values, 0, _tape, Node("plain")));
        Assert.False(JsonFieldWriter.AddStringOrEmpty(_values, 0, _tape, Node("missing")));
        Assert.Equal(["", "x"], Values());
    }

    [Fact]
    public void Compact_text_drops_the_whitespace_between_tokens_only()
    {
        Assert.True(JsonFieldWriter.AddCompact(_values, 0, _tape, Node("o")));
        Assert.True(JsonFieldWriter.AddCompact(_values, 0, _tape, Node("s")));
        Assert.False(JsonFieldWriter.AddCompact(_values, 0, _tape, Node("missing")));
        Assert.Equal(["""{"k":[1,"two words"]}""", "\"a\\\"b\\u00e9\""], Values());
    }

    [Fact]
    public void A_number_is_written_as_decimal_text()
    {
        JsonFieldWriter.AddDecimal(_values, 0, ulong.MaxValue);
        JsonFieldWriter.AddDecimal(_values, 0, 0);
        Assert.Equal(["18446744073709551615", "0"], Values());
    }
}
