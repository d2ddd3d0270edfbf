using System.Text;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// The key of a <c>-o key=value</c> option, parsed: names separated by dots, each followed by any number of
/// <c>[index]</c> (<c>plugins[0].open_params</c>, <c>matrix[1][2]</c>; <c>list[]</c> appends). A backslash makes
/// the next character literal, so <c>a\.b</c> names the key <c>a.b</c> and <c>a\[0\]</c> the key <c>a[0]</c>.
/// </summary>
internal sealed record ConfigKeyPath(IReadOnlyList<ConfigKeyPath.Step> Steps)
{
    /// <summary>A map key (<see cref="Name"/>), or a list index (<see cref="Index"/>; -1 appends).</summary>
    public readonly record struct Step(string? Name, int Index)
    {
        public bool IsIndex => Name is null;
    }

    public static ConfigKeyPath Parse(string key)
    {
        if (key.Length == 0)
        {
            throw new FormatException("the key is empty");
        }
        var steps = new List<Step>();
        var name = new StringBuilder();
        var nameStarted = false;   // true once a character (even an escaped one) belongs to the current name
        var afterIndex = false;    // just closed a ']': only '.', '[' or the end may follow
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            if (afterIndex && c != '.' && c != '[')
            {
                throw new FormatException($"expected '.' or '[' after ']' at position {i}");
            }
            switch (c)
            {
                case '\\':
                    if (i + 1 == key.Length)
                    {
                        throw new FormatException("the key ends with a lone backslash");
                    }
                    name.Append(key[++i]);
                    nameStarted = true;
                    break;
                case '.':
                    if (afterIndex)
                    {
                        afterIndex = false;
                        if (i + 1 == key.Length)
                        {
                            throw new FormatException($"the key ends with '.' at position {i}");
                        }
                        break;
                    }
                    if (!nameStarted)
                    {
                        throw new FormatException($"empty key name before '.' at position {i}");
                    }
                    if (i + 1 == key.Length)
                    {
                        throw new FormatException($"the key ends with '.' at position {i}");
                    }
                    steps.Add(new Step(name.ToString(), 0));
                    name.Clear();
                    nameStarted = false;
                    break;
                case '[':
                    if (nameStarted)
                    {
                        steps.Add(new Step(name.ToString(), 0));
                        name.Clear();
                        nameStarted = false;
                    }
                    else if (!afterIndex)
                    {
                        throw new FormatException($"'[' at position {i} must follow a key name");
                    }
                    var close = key.IndexOf(']', i + 1);
                    if (close < 0)
                    {
                        throw new FormatException($"'[' at position {i} is never closed with ']'");
                    }
                    var text = key[(i + 1)..close];
                    int index;
                    if (text.Length == 0)
                    {
                        index = -1;
                    }
                    else if (!int.TryParse(text, System.Globalization.NumberStyles.None, null, out index))
                    {
                        throw new FormatException($"expected a numeric index, found '{text}'");
                    }
                    steps.Add(new Step(null, index));
                    i = close;
                    afterIndex = true;
                    break;
                case ']':
                    throw new FormatException($"unexpected ']' at position {i}");
                default:
                    name.Append(c);
                    nameStarted = true;
                    break;
            }
        }
        if (nameStarted)
        {
            steps.Add(new Step(name.ToString(), 0));
        }
        return new ConfigKeyPath(steps);
    }
}
