using System.Text;
using System.Text.Json;
using Falco.Actors.Json.Parsing;

namespace Falco.Actors.Json.Tests;

/// <summary>
/// The tape's own parser must accept exactly what Utf8JsonReader (default options, Go's depth of 10,000) accepts and give the
/// same nodes: checked against a reference walk with the reader, on tricky texts, real records and thousands of
/// random one-byte edits of them.
/// </summary>
public sealed class JsonTapeTests
{
    private static readonly string[] Tricky =
    [
        "{}", "[]", "0", "-0.5e+10", "\"s\"", "true", "null", " {\"a\" : [1, 2.5, -3e2, true, false, null, \"x\"]} ",
        "{\"a\":1,}", "[1,]", "[01]", "[1.]", "[-]", "[.5]", "[1e]", "[1E+]", "[tru]", "[nulll]", "{\"a\" 1}", "{1:2}",
        "[\"a\tb\"]", "[\"a\\x\"]", "[\"\\u00zz\"]", "[\"\\u00e9\\n\\\"\\\\\\/\"]", "{\"k\\u0065y\":\"v\"}", "[1] [2]", "{} x",
        "[\"unterminated]", "{\"a\":{\"b\":[}]}", "[}", "{]", "\\", "[\\]", "[1\u007f]", "\"\\ud800\"", "[[[[[]]]]]",
        "{\"a\":\"}{][\\\"\",\"b\":[{\"c\":\"\\\\\"}]}", "", "   ", "{\"a\":1 \"b\":2}", "[1 2]", "{\"a\"::1}", "[,]",
        new string('[', 10_000) + new string(']', 10_000), new string('[', 10_001) + new string(']', 10_001),
        "{\"long\":\"" + new string('x', 200) + "\\\"" + new string('y', 100) + "\",\"n\":123456789012345678901234567890}",
    ];

    [Fact]
    public void Tricky_texts_are_accepted_or_refused_as_Utf8JsonReader_does_with_the_same_nodes()
    {
        foreach (var text in Tricky)
        {
            AssertSameAsReader(Encoding.UTF8.GetBytes(text));
        }
    }

    [Fact]
    public void Real_records_and_random_one_byte_edits_of_them_parse_as_Utf8JsonReader_does()
    {
        var records = StratusRecords.Of("aws.defense-evasion.cloudtrail-stop.json")
            .Concat(StratusRecords.Of("aws.execution.ec2-launch-unusual-instances.json"))
            .Select(Encoding.UTF8.GetBytes).ToList();
        var random = new Random(11);
        var alphabet = "{}[]:,\"\\ \t\n0123456789-+.eEtrufalsn\u0001x"u8.ToArray();
        foreach (var record in records)
        {
            AssertSameAsReader(record);
            for (var n = 0; n < 1500; n++)
            {
                var bytes = new List<byte>(record);
                var at = random.Next(bytes.Count);
                switch (random.Next(3))
                {
                    case 0: bytes.RemoveAt(at); break;
                    case 1: bytes.Insert(at, alphabet[random.Next(alphabet.Length)]); break;
                    default: bytes[at] = alphabet[random.Next(alphabet.Length)]; break;
                }
                AssertSameAsReader([.. bytes]);
            }
        }
    }

    private static void AssertSameAsReader(byte[] json)
    {
        var tape = new JsonTape();
        var valid = tape.Parse(json);
        var expected = ReferenceNodes(json);
        var text = Encoding.UTF8.GetString(json);
        Assert.True(expected is not null == valid, $"valid {valid}, reader says {expected is not null}: {text}");
        if (expected is null)
        {
            return;
        }
        var actual = Enumerable.Range(0, tape.Count)
            .Select(i => (tape.Kind(i), tape.Start(i), tape.Raw(i).Length, tape.IsEscaped(i), tape.End(i))).ToList();
        Assert.True(expected.SequenceEqual(actual), text);
    }

    /// <summary>The nodes a Utf8JsonReader walk gives (kind, start, length, escaped, end), or null when it refuses the text.</summary>
    private static List<(JsonKind, int, int, bool, int)>? ReferenceNodes(byte[] json)
    {
        List<(JsonKind Kind, int Start, int Length, bool Escaped, int End)> nodes = [];
        Stack<int> open = [];
        var rootDone = false;
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = JsonTape.MaxDepth });
            while (reader.Read())
            {
                if (rootDone)
                {
                    return null;
                }
                var start = (int)reader.TokenStartIndex;
                switch (reader.TokenType)
                {
                    case JsonTokenType.StartObject:
                    case JsonTokenType.StartArray:
                        open.Push(nodes.Count);
                        nodes.Add((reader.TokenType == JsonTokenType.StartObject ? JsonKind.Object : JsonKind.Array, start, 0, false, 0));
                        break;
                    case JsonTokenType.EndObject:
                    case JsonTokenType.EndArray:
                        var o = open.Pop();
                        nodes[o] = nodes[o] with { Length = start + 1 - nodes[o].Start, End = nodes.Count };
                        rootDone = open.Count == 0;
                        break;
                    case JsonTokenType.PropertyName:
                        nodes.Add((JsonKind.PropertyName, start + 1, reader.ValueSpan.Length, reader.ValueIsEscaped, nodes.Count + 1));
                        break;
                    case JsonTokenType.String:
                        nodes.Add((JsonKind.String, start + 1, reader.ValueSpan.Length, reader.ValueIsEscaped, nodes.Count + 1));
                        rootDone = open.Count == 0;
                        break;
                    default:
                        var kind = reader.TokenType switch
                        {
                            JsonTokenType.Number => JsonKind.Number,
                            JsonTokenType.True => JsonKind.True,
                            JsonTokenType.False => JsonKind.False,
                            _ => JsonKind.Null,
                        };
                        nodes.Add((kind, start, reader.ValueSpan.Length, false, nodes.Count + 1));
                        rootDone = open.Count == 0;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            return null;
        }
        return rootDone ? [.. nodes.Select(n => (n.Kind, n.Start, n.Length, n.Escaped, n.End))] : null;
    }
}
