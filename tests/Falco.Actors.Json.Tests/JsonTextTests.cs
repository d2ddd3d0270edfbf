using System.Text;
using Falco.Actors.Json.Parsing;

namespace Falco.Actors.Json.Tests;

/// <summary>Compact and indented re-layouts: tokens keep their bytes, only the whitespace between them changes.</summary>
public sealed class JsonTextTests
{
    private static string Compact(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var destination = new byte[bytes.Length];
        return Encoding.UTF8.GetString(destination, 0, JsonText.WriteCompact(bytes, destination));
    }

    private static string Indented(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        var destination = new byte[JsonText.IndentedLength(bytes)];
        Assert.Equal(destination.Length, JsonText.WriteIndented(bytes, destination));
        return Encoding.UTF8.GetString(destination);
    }

    [Fact]
    public void Compact_keeps_strings_escapes_and_number_spellings_as_written()
    {
        Assert.Equal("""{"a b":"x \" } y","n":1.50E+2,"l":[true,null]}""",
            Compact(" { \"a b\" : \"x \\\" } y\" ,\n\t\"n\" : 1.50E+2 , \"l\" : [ true , null ] } "));
    }

    [Fact]
    public void Indented_is_Go_json_Indent_with_two_spaces()
    {
        Assert.Equal("{\n  \"a\": [\n    1,\n    {}\n  ],\n  \"b\": \"[x]\",\n  \"c\": []\n}",
            Indented("""{"a":[1, { }], "b" : "[x]","c":[ ]}"""));
        Assert.Equal("\"s\"", Indented(" \"s\" "));
    }
}
