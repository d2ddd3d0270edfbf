using System.Text;

namespace Falco.Actors.Cli.Text;

/// <summary>Falco's two word-wrapping helpers, reproduced for its listing layouts (each word is followed by a space).</summary>
public static class FalcoTextWrap
{
    /// <summary>
    /// falco::utils::wrap_text: words fill lines of <paramref name="lineLength"/> − <paramref name="indent"/>
    /// characters; a new line starts with <paramref name="indent"/> spaces.
    /// </summary>
    public static string Wrap(string text, int indent, int lineLength)
    {
        var builder = new StringBuilder();
        var length = 0;
        foreach (var word in Words(text))
        {
            if (length + word.Length + 1 <= lineLength - indent)
            {
                length += word.Length + 1;
            }
            else
            {
                builder.Append('\n').Append(' ', Math.Max(indent, 1));
                length = word.Length + 1;
            }
            builder.Append(word).Append(' ');
        }
        return builder.ToString();
    }

    /// <summary>
    /// libsinsp's field-class wrapping: at most <paramref name="width"/> − <paramref name="column"/> characters per
    /// line, continuation lines indented to <paramref name="column"/>.
    /// </summary>
    public static void WrapInColumn(StringBuilder output, string text, int column, int width)
    {
        var length = 0;
        foreach (var word in Words(text))
        {
            var wordLength = word.Length + 1;
            if (length + wordLength <= width - column)
            {
                length += wordLength;
            }
            else
            {
                output.Append('\n').Append(' ', column);
                length = wordLength;
            }
            output.Append(word).Append(' ');
        }
    }

    private static string[] Words(string text) =>
        text.Split([' ', '\t', '\n', '\r', '\v', '\f'], StringSplitOptions.RemoveEmptyEntries);
}
