using System.Text;
using Falco.Actors.Json.Parsing;

namespace Falco.Actors.Json.Tests;

/// <summary>JSON pointers (RFC 6901) as the json plugin reads them, resolved on a parsed tape.</summary>
public sealed class JsonPointerTests
{
    private const string Doc = """
        {"a": {"b": ["zero", {"c": "deep"}]}, "a/b": "slash", "m~n": "tilde", "~1": "tilde one", "": "empty name",
         "0": "zero name", "n": 7}
        """;

    private static string? Resolve(string pointer, string json = Doc)
    {
        var tape = new JsonTape();
        tape.Parse(Encoding.UTF8.GetBytes(json));
        var node = JsonPointer.Compile(pointer).Resolve(tape);
        return node < 0 ? null : Encoding.UTF8.GetString(tape.Raw(node));
    }

    [Theory]
    [InlineData("/a/b/0", "zero")]
    [InlineData("/a/b/1/c", "deep")]
    [InlineData("a/b/1/c", "deep")]
    [InlineData("/a~1b", "slash")]
    [InlineData("/m~0n", "tilde")]
    [InlineData("/~01", "tilde one")]
    [InlineData("/", "empty name")]
    [InlineData("/0", "zero name")]
    [InlineData("/n", "7")]
    public void A_pointer_names_members_and_array_elements_with_escaped_tildes_and_slashes(string pointer, string expected)
    {
        Assert.Equal(expected, Resolve(pointer));
    }

    [Fact]
    public void The_empty_pointer_is_the_whole_document()
    {
        Assert.Equal(Doc.Trim(), Resolve(""));
        Assert.Equal("", JsonPointer.Compile("").Text);
        Assert.Equal("/a~1b", JsonPointer.Compile("/a~1b").Text);
    }

    [Theory]
    [InlineData("/missing")]
    [InlineData("/a/b/2")]
    [InlineData("/a/b/-1")]
    [InlineData("/a/b/x")]
    [InlineData("/a/b/1x")]
    [InlineData("/n/deeper")]
    [InlineData("/a~2b")]
    [InlineData("/a/b/0/c")]
    public void A_path_that_does_not_exist_resolves_to_no_node(string pointer)
    {
        Assert.Null(Resolve(pointer));
    }

    [Fact]
    public void Nothing_resolves_in_a_document_that_did_not_parse()
    {
        Assert.Null(Resolve("", "{\"a\":"));
        Assert.Null(Resolve("/a", "{\"a\":"));
    }

    [Fact]
    public void A_document_may_be_an_array()
    {
        Assert.Equal("b", Resolve("/1", """["a", "b"]"""));
        Assert.Equal("c", Resolve("/2/0", """["a", "b", ["c"]]"""));
    }
}
