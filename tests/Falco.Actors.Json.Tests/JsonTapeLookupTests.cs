using System.Text;
using Falco.Actors.Json.Parsing;

namespace Falco.Actors.Json.Tests;

/// <summary>What a parsed tape answers: every kind of value, lookups by name, index and path, escaped text.</summary>
public sealed class JsonTapeLookupTests
{
    private static JsonTape Parse(string json)
    {
        var tape = new JsonTape();
        Assert.True(tape.Parse(Encoding.UTF8.GetBytes(json)), json);
        return tape;
    }

    private static string Raw(JsonTape tape, int node) => Encoding.UTF8.GetString(tape.Raw(node));

    private static string Decoded(JsonTape tape, int node)
    {
        var buffer = new byte[tape.DecodedLengthBound(node)];
        return Encoding.UTF8.GetString(buffer, 0, tape.CopyString(node, buffer));
    }

    [Fact]
    public void Every_kind_of_value_is_a_node_with_its_own_bytes()
    {
        var t = Parse("""{"s": "text", "n": -1.5e3, "t": true, "f": false, "z": null, "o": {"k": 1}, "a": [1, "two", []]}""");

        Assert.Equal(JsonKind.Object, t.Kind(JsonTape.Root));
        Assert.Equal(JsonKind.PropertyName, t.Kind(JsonTape.Root + 1));
        Assert.Equal([JsonKind.String, JsonKind.Number, JsonKind.True, JsonKind.False, JsonKind.Null, JsonKind.Object, JsonKind.Array],
            new[] { "s", "n", "t", "f", "z", "o", "a" }.Select(name => t.Kind(t.Property(JsonTape.Root, Encoding.UTF8.GetBytes(name)))));
        Assert.Equal("text", Raw(t, t.Property(JsonTape.Root, "s"u8)));
        Assert.Equal("\"text\"", Encoding.UTF8.GetString(t.Json(t.Property(JsonTape.Root, "s"u8))));
        Assert.Equal("-1.5e3", Raw(t, t.Property(JsonTape.Root, "n"u8)));
        Assert.Equal("true", Raw(t, t.Property(JsonTape.Root, "t"u8)));
        Assert.Equal("null", Raw(t, t.Property(JsonTape.Root, "z"u8)));
        Assert.Equal("""{"k": 1}""", Raw(t, t.Property(JsonTape.Root, "o"u8)));
        Assert.Equal("""[1, "two", []]""", Raw(t, t.Property(JsonTape.Root, "a"u8)));
        Assert.Equal(t.Count, t.End(JsonTape.Root));
    }

    [Fact]
    public void A_scalar_is_a_document_too()
    {
        var t = Parse(" 42 ");
        Assert.Equal(1, t.Count);
        Assert.Equal(JsonKind.Number, t.Kind(JsonTape.Root));
        Assert.Equal("42", Raw(t, JsonTape.Root));
        Assert.Equal(-1, t.Property(JsonTape.Root, "a"u8));
        Assert.Equal(-1, t.Element(JsonTape.Root, 0));
    }

    [Fact]
    public void Members_are_found_at_the_root_and_below_the_first_of_a_repeated_name_wins()
    {
        var t = Parse("""{"a": {"b": {"c": "deep"}, "b": 2}, "a": 3, "x": [{"y": "in array"}]}""");

        Assert.Equal("deep", Raw(t, t.Path("a"u8, "b"u8, "c"u8)));
        Assert.Equal(JsonKind.Object, t.Kind(t.Path("a"u8, "b"u8)));
        Assert.Equal(JsonKind.Object, t.Kind(t.Property(JsonTape.Root, "a"u8)));
        Assert.Equal("in array", Raw(t, t.Property(t.Element(t.Property(JsonTape.Root, "x"u8), 0), "y"u8)));
        Assert.Equal(-1, t.Property(JsonTape.Root, "missing"u8));
        Assert.Equal(-1, t.Path("a"u8, "missing"u8, "c"u8));
        Assert.Equal(-1, t.Property(t.Property(JsonTape.Root, "x"u8), "y"u8));
        Assert.Equal(-1, t.Property(-1, "a"u8));
    }

    [Fact]
    public void Array_elements_by_index_and_in_order_skipping_nested_subtrees()
    {
        var t = Parse("""[{"a": [1, 2]}, [3, [4]], "five", 6]""");

        Assert.Equal(["""{"a": [1, 2]}""", "[3, [4]]", "five", "6"],
            Enumerable.Range(0, 4).Select(i => Raw(t, t.Element(JsonTape.Root, i))));
        Assert.Equal(-1, t.Element(JsonTape.Root, 4));
        Assert.Equal(-1, t.Element(JsonTape.Root, -1));
        List<string> inOrder = [];
        for (var e = t.FirstElement(JsonTape.Root); e >= 0; e = t.NextElement(JsonTape.Root, e))
        {
            inOrder.Add(Raw(t, e));
        }
        Assert.Equal(["""{"a": [1, 2]}""", "[3, [4]]", "five", "6"], inOrder);
        Assert.Equal(-1, Parse("[]").FirstElement(JsonTape.Root));
    }

    [Fact]
    public void Escapes_are_decoded_including_surrogate_pairs()
    {
        var t = Parse("""{"s": "a\u00e9\ud83d\ude00\n\"\\\/\t\b\f\r", "plain": "no escapes"}""");
        var s = t.Property(JsonTape.Root, "s"u8);

        Assert.True(t.IsEscaped(s));
        Assert.False(t.IsEscaped(t.Property(JsonTape.Root, "plain"u8)));
        Assert.Equal("a\u00e9\U0001F600\n\"\\/\t\b\f\r", Decoded(t, s));
        Assert.True(t.StringEquals(s, Encoding.UTF8.GetBytes("a\u00e9\U0001F600\n\"\\/\t\b\f\r")));
        Assert.False(t.StringEquals(s, "a"u8));
        Assert.Equal("no escapes", Decoded(t, t.Property(JsonTape.Root, "plain"u8)));
    }

    [Fact]
    public void Escaped_member_names_match_their_decoded_text()
    {
        var t = Parse("""{"k\u0065y": 1, "o": {"\u006eame": 2, "\ud83d\ude00": 3}}""");

        Assert.Equal("1", Raw(t, t.Property(JsonTape.Root, "key"u8)));
        Assert.Equal("2", Raw(t, t.Path("o"u8, "name"u8)));
        Assert.Equal("3", Raw(t, t.Path("o"u8, "😀"u8)));
        Assert.Equal(-1, t.Property(JsonTape.Root, "k\\u0065y"u8));
    }

    [Theory]
    [InlineData("a\\ud800b", "a\uFFFDb")]
    [InlineData("\\udc00", "\uFFFD")]
    [InlineData("\\ud800", "\uFFFD")]
    [InlineData("\\ud800\\n", "\uFFFD\n")]
    [InlineData("\\ud800\\u0041", "\uFFFDA")]
    [InlineData("\\ude00\\ud83d", "\uFFFD\uFFFD")]
    [InlineData("\\ud800\\ud800\\udc00", "\uFFFD\U00010000")]
    [InlineData("x\\ud83d\\ude00\\ud800", "x\U0001F600\uFFFD")]
    [InlineData("\\uD83D\\uDE00", "\U0001F600")]
    public void Unpaired_surrogates_decode_to_U_FFFD_as_Gos_encoding_json(string escaped, string decoded)
    {
        // Go's unquote: a surrogate that does not pair with the \u escape right after it is U+FFFD, and only its own
        // six bytes are consumed (what follows decodes on its own).
        var t = Parse("{\"k\\ud800\": \"" + escaped + "\", \"eventName\": \"n\"}");
        var s = t.Property(JsonTape.Root, "k\uFFFD"u8);

        Assert.Equal(decoded, Decoded(t, s));
        Assert.True(t.StringEquals(s, Encoding.UTF8.GetBytes(decoded)));
        Assert.Equal("n", Raw(t, t.Property(JsonTape.Root, "eventName"u8)));
    }

    [Theory]
    [InlineData("61 FF 62", "a\uFFFDb")]                     // a byte that starts nothing
    [InlineData("E2 82 78", "\uFFFD\uFFFDx")]                // a truncated sequence: one U+FFFD per byte, as Go's DecodeRune
    [InlineData("ED A0 80", "\uFFFD\uFFFD\uFFFD")]          // a surrogate encoded in UTF-8
    [InlineData("C0 AF", "\uFFFD\uFFFD")]                    // an overlong '/'
    [InlineData("5C 6E FF C3 A9", "\n\uFFFD\u00e9")]         // with an escape before and valid UTF-8 after
    [InlineData("F0 9F 98 80 80", "\U0001F600\uFFFD")]       // a stray continuation byte after a valid emoji
    public void Invalid_UTF8_bytes_decode_to_U_FFFD_as_Gos_encoding_json(string hex, string decoded)
    {
        var bytes = Encoding.UTF8.GetBytes("{\"s\": \"").Concat(Convert.FromHexString(hex.Replace(" ", "")))
            .Concat(Encoding.UTF8.GetBytes("\", \"eventName\": \"n\"}")).ToArray();
        var t = new JsonTape();
        Assert.True(t.Parse(bytes));
        var s = t.Property(JsonTape.Root, "s"u8);

        Assert.False(t.IsPlainText(s));
        Assert.Equal(decoded, Decoded(t, s));
        Assert.True(t.StringEquals(s, Encoding.UTF8.GetBytes(decoded)));
        Assert.Equal("n", Raw(t, t.Property(JsonTape.Root, "eventName"u8)));
    }

    [Fact]
    public void A_string_of_invalid_bytes_decodes_to_three_times_its_length()
    {
        // Callers size their buffers by DecodedLengthBound: U+FFFD's three bytes replace each one.
        var bytes = Encoding.UTF8.GetBytes("{\"s\": \"").Concat(Enumerable.Repeat((byte)0xFF, 600)).Concat("\"}"u8.ToArray()).ToArray();
        var t = new JsonTape();
        Assert.True(t.Parse(bytes));
        var s = t.Property(JsonTape.Root, "s"u8);

        Assert.Equal(1800, t.DecodedLengthBound(s));
        Assert.Equal(new string('\uFFFD', 600), Decoded(t, s));
    }

    [Fact]
    public void A_long_escaped_member_name_still_matches()
    {
        var name = new string('a', 2000);
        var t = Parse("{\"\\u0041" + name + "\": 7}");

        Assert.Equal("7", Raw(t, t.Property(JsonTape.Root, Encoding.UTF8.GetBytes("A" + name))));
    }

    [Fact]
    public void StringEquals_is_false_for_other_kinds_and_missing_nodes()
    {
        var t = Parse("""{"n": 1, "t": true, "s": "1"}""");
        Assert.False(t.StringEquals(t.Property(JsonTape.Root, "n"u8), "1"u8));
        Assert.False(t.StringEquals(t.Property(JsonTape.Root, "t"u8), "true"u8));
        Assert.False(t.StringEquals(-1, "1"u8));
        Assert.True(t.StringEquals(t.Property(JsonTape.Root, "s"u8), "1"u8));
    }

    [Fact]
    public void Trailing_NUL_bytes_are_ignored()
    {
        var tape = new JsonTape();
        Assert.True(tape.Parse("{\"a\":1}\0\0"u8.ToArray()));
        Assert.Equal(7, tape.Source.Length);
        Assert.Equal("1", Raw(tape, tape.Property(JsonTape.Root, "a"u8)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("{")]
    [InlineData("{\"a\":1,}")]
    [InlineData("[1,]")]
    [InlineData("{\"a\" 1}")]
    [InlineData("{a:1}")]
    [InlineData("[01]")]
    [InlineData("[1.]")]
    [InlineData("[+1]")]
    [InlineData("[tru]")]
    [InlineData("[\"unterminated]")]
    [InlineData("[\"bad \\x escape\"]")]
    [InlineData("[\"bad \\u12G4 escape\"]")]
    [InlineData("[\"raw \t tab\"]")]
    [InlineData("[1] [2]")]
    [InlineData("{\"a\":[}]")]
    [InlineData("[\\]")]
    [InlineData("// comment\n{}")]
    public void Malformed_text_is_refused_and_leaves_no_nodes(string json)
    {
        var tape = new JsonTape();
        Assert.True(tape.Parse("""{"a": {"b": 1}}"""u8.ToArray()));

        Assert.False(tape.Parse(Encoding.UTF8.GetBytes(json)));
        Assert.False(tape.IsValid);
        Assert.Equal(0, tape.Count);
        Assert.Equal(-1, tape.Property(JsonTape.Root, "a"u8));
        Assert.Equal(-1, tape.Element(JsonTape.Root, 0));
    }

    [Fact]
    public void Nesting_is_accepted_to_Gos_depth_of_10000_and_refused_beyond_with_a_reason()
    {
        var tape = new JsonTape();
        Assert.Equal(10_000, JsonTape.MaxDepth);
        Assert.True(tape.Parse(Encoding.UTF8.GetBytes(new string('[', 10_000) + new string(']', 10_000))));
        Assert.Null(tape.Error);
        Assert.True(tape.Parse(Encoding.UTF8.GetBytes(Nested(10_000, "\"deep\""))));

        Assert.False(tape.Parse(Encoding.UTF8.GetBytes(new string('[', 10_001) + new string(']', 10_001))));
        Assert.Equal("nested deeper than 10000 levels", tape.Error);
        Assert.False(tape.Parse(Encoding.UTF8.GetBytes(Nested(10_001, "1"))));
        Assert.Equal("nested deeper than 10000 levels", tape.Error);
        Assert.False(tape.Parse("[1,]"u8.ToArray()));
        Assert.Equal("not valid JSON", tape.Error);
    }

    [Fact]
    public void Nesting_of_100000_levels_is_refused_without_overflowing_the_stack()
    {
        var tape = new JsonTape();
        Assert.False(tape.Parse(Encoding.UTF8.GetBytes(Nested(100_000, "null"))));
        Assert.Equal("nested deeper than 10000 levels", tape.Error);
        Assert.True(tape.Parse("{\"a\":1}"u8.ToArray()));
    }

    /// <summary>Objects <c>{"a":{"a":...value...}}</c> nested <paramref name="depth"/> deep.</summary>
    private static string Nested(int depth, string value)
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append("{\"a\":");
        }
        text.Append(value);
        text.Append('}', depth);
        return text.ToString();
    }

    [Fact]
    public void One_tape_parses_document_after_document()
    {
        var tape = new JsonTape();
        for (var i = 0; i < 3; i++)
        {
            var big = "{\"n\":" + i + ",\"list\":[" + string.Join(",", Enumerable.Range(0, 500 * (i + 1))) + "]}";
            Assert.True(tape.Parse(Encoding.UTF8.GetBytes(big)));
            Assert.Equal(i.ToString(), Raw(tape, tape.Property(JsonTape.Root, "n"u8)));
            Assert.Equal("499", Raw(tape, tape.Element(tape.Property(JsonTape.Root, "list"u8), 499)));
        }
        Assert.True(tape.Parse("[true]"u8.ToArray()));
        Assert.Equal(JsonKind.True, tape.Kind(tape.Element(JsonTape.Root, 0)));
    }
}
