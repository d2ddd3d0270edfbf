namespace Falco.Actors.Rules.Loading;

/// <summary>
/// Falco's list use in conditions (rule_loader_compiler.cpp: resolve_list): a purely textual substitution, before
/// parsing, of every occurrence of a list's name delimited by start/end, blanks, <c>(</c>, <c>)</c>, <c>,</c> or
/// <c>=</c>, by the list's items joined with <c>", "</c>. Surrounding blanks are consumed and single spaces put back;
/// an empty list also takes an adjacent comma with it. Like Falco, it also replaces inside quoted strings.
/// </summary>
public static class ListSubstitution
{
    private const string Blanks = " \t\n\r";
    private const string Delimiters = Blanks + "(),=";

    /// <summary>Wraps an item containing a space in double quotes, unless it already starts with a quote (quote_item).</summary>
    public static string QuoteItem(string item) =>
        item.Contains(' ') && !item.StartsWith('"') && !item.StartsWith('\'') ? $"\"{item}\"" : item;

    /// <summary>Substitutes one list into <paramref name="condition"/>; true when the name occurred.</summary>
    public static bool Substitute(ref string condition, string name, IReadOnlyList<string> items)
    {
        var text = condition;
        var used = false;
        var start = text.IndexOf(name, StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = start + name.Length;
            if ((start == 0 || Delimiters.Contains(text[start - 1])) && (end >= text.Length || Delimiters.Contains(text[end])))
            {
                while (start > 0 && Blanks.Contains(text[start - 1]))
                {
                    start--;
                }
                while (end < text.Length && Blanks.Contains(text[end]))
                {
                    end++;
                }
                var substitute = string.Join(", ", items.Select(QuoteItem));
                if (substitute.Length == 0)
                {
                    if (start > 0 && text[start - 1] == ',')
                    {
                        start--;
                    }
                    else if (end < text.Length && text[end] == ',')
                    {
                        end++;
                    }
                }
                var rebuilt = start > 0 ? text[..start] + " " : "";
                rebuilt += substitute + " ";
                if (end <= text.Length)
                {
                    rebuilt += text[end..];
                }
                text = rebuilt;
                start += substitute.Length + 1;
                used = true;
            }
            start = start + 1 < text.Length ? text.IndexOf(name, start + 1, StringComparison.Ordinal) : -1;
        }
        condition = text;
        return used;
    }
}
