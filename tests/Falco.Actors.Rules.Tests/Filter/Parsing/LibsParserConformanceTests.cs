using System.Text.Json;
using Falco.Actors.Rules.Filter.Parsing;
using Xunit.Abstractions;

namespace Falco.Actors.Rules.Tests.Filter.Parsing;

/// <summary>
/// The 530 cases of libs' <c>filter_parser.ut.cpp</c> (Data/libs-parser-cases.json), run the way libs' harness runs
/// them: an accepted case must also parse with a blank at both ends, then with every space turned into a line
/// break, then with every line break turned into a tab (except the position cases and the lone-backslash case).
/// </summary>
public sealed class LibsParserConformanceTests(ITestOutputHelper output)
{
    /// <summary>Cases this parser deliberately does not follow, with the reason. Empty: all 530 are supported.</summary>
    private static readonly IReadOnlyDictionary<string, string> Unsupported = new Dictionary<string, string>();

    public static TheoryData<int, string, string, string, string?> Cases()
    {
        var data = new TheoryData<int, string, string, string, string?>();
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "libs-parser-cases.json")));
        var index = 0;
        foreach (var row in json.RootElement.EnumerateArray())
        {
            data.Add(index++, row[0].GetString()!, row[1].GetString()!, row[2].GetString()!, row[3].GetString());
        }

        return data;
    }

    [Fact]
    public void The_data_file_holds_all_530_cases()
    {
        Assert.Equal(530, Cases().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_behaves_as_in_libs(int index, string test, string kind, string expression, string? message)
    {
        if (Unsupported.TryGetValue(expression, out var reason))
        {
            output.WriteLine($"case {index} not supported: {reason}");
            return;
        }

        switch (kind)
        {
            case "test_accept":
                foreach (var variant in AcceptVariants(test, expression))
                {
                    AssertAccepted(variant);
                }

                break;
            case "test_reject":
                Assert.Throws<FilterParseException>(() => FilterParser.Parse(expression));
                break;
            case "test_reject_msg":
                var error = Assert.Throws<FilterParseException>(() => FilterParser.Parse(expression));
                Assert.Equal(message, error.Reason);
                Assert.Equal(message, error.Message);
                break;
            default:
                Assert.Fail($"unknown case kind '{kind}' in case {index}");
                break;
        }
    }

    private static IEnumerable<string> AcceptVariants(string test, string expression)
    {
        yield return expression;
        if (test.EndsWith("parse_position_info", StringComparison.Ordinal) || expression == "test.str = \"bad escape \\ \" ")
        {
            yield break;
        }

        var padded = $" {expression} ";
        yield return padded;
        var lineBreaks = padded.Replace(' ', '\n');
        yield return lineBreaks;
        yield return lineBreaks.Replace('\n', '\t');
    }

    private static void AssertAccepted(string expression)
    {
        try
        {
            FilterParser.Parse(expression);
        }
        catch (FilterParseException e)
        {
            Assert.Fail($"rejected at {e.Position}: {e.Reason} -> {JsonSerializer.Serialize(expression)}");
        }
    }
}
