using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Filter.Compilation;

// Warnings for conditions that compile but probably do not say what was meant.
public sealed partial class FilterCompiler
{
    private static readonly string[] TransformerNames = ["tolower", "toupper", "b64", "basename", "len", "val"];

    /// <summary><c>a.b = c.d</c> compares with the text "c.d": warn when that text names a field (or a transformer of one).</summary>
    private void WarnIfFieldLike(string value, SourcePosition position)
    {
        var candidate = value;
        foreach (var name in TransformerNames)
        {
            if (value.StartsWith(name + "(", StringComparison.Ordinal) && value.EndsWith(')'))
            {
                candidate = value[(name.Length + 1)..^1];
                break;
            }
        }
        var bracket = candidate.IndexOf('[');
        if (bracket > 0 && candidate.EndsWith(']'))
        {
            candidate = candidate[..bracket];
        }
        if (Registry.Contains(candidate))
        {
            _warnings.Add(new CompileWarning($"'{value}' may be a valid field misused as a const string value", position));
        }
    }

    /// <summary>A regex without metacharacters (apart from ^, $, leading/trailing .*) is a plain string operator.</summary>
    private void WarnIfSimpleRegex(string pattern, SourcePosition position)
    {
        var core = pattern;
        bool anchoredStart = true, anchoredEnd = true;
        if (core.StartsWith('^'))
        {
            core = core[1..];
        }
        if (core.EndsWith('$') && !core.EndsWith("\\$", StringComparison.Ordinal))
        {
            core = core[..^1];
        }
        if (core.StartsWith(".*", StringComparison.Ordinal))
        {
            core = core[2..];
            anchoredStart = false;
        }
        if (core.EndsWith(".*", StringComparison.Ordinal))
        {
            core = core[..^2];
            anchoredEnd = false;
        }
        if (core.Length == 0 || core.IndexOfAny(['\\', '.', '^', '$', '|', '?', '*', '+', '(', ')', '[', ']', '{', '}']) >= 0)
        {
            return;
        }
        var simpler = (anchoredStart, anchoredEnd) switch
        {
            (true, true) => "=",
            (true, false) => "startswith",
            (false, true) => "endswith",
            _ => "contains",
        };
        _warnings.Add(new CompileWarning(
            $"regex '{pattern}' has no special characters and can be written with the '{simpler}' operator, which is faster",
            position));
    }
}
