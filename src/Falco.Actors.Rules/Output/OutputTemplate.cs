using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Parsing;

namespace Falco.Actors.Rules.Output;

/// <summary>
/// A parsed output format string (libs' <c>sinsp_evt_formatter::set_format</c>): literal text and
/// <c>%[width]expr</c> tokens. A leading <c>*</c> means missing values print as <c>&lt;NA&gt;</c>; without it, a
/// missing value fails the whole render. There is no <c>%%</c> escape.
/// </summary>
public sealed class OutputTemplate
{
    private const int MaxWidth = 1 << 20;

    private OutputTemplate(string format, bool requireAllValues, IReadOnlyList<OutputToken> tokens,
        IReadOnlyList<OutputFieldRef> fields)
    {
        Format = format;
        RequireAllValues = requireAllValues;
        Tokens = tokens;
        Fields = fields;
    }

    /// <summary>The format as given (with its leading <c>*</c>, if any).</summary>
    public string Format { get; }

    /// <summary>False when the format starts with <c>*</c> (missing values render as <c>&lt;NA&gt;</c>).</summary>
    public bool RequireAllValues { get; }

    public IReadOnlyList<OutputToken> Tokens { get; }

    /// <summary>The values of <c>output_fields</c>, in token order (a name may repeat).</summary>
    public IReadOnlyList<OutputFieldRef> Fields { get; }

    /// <summary>
    /// Parses a format. After each <c>%</c> and optional width, the token is the longest prefix of the rest of the
    /// format that the filter parser reads as a field or transformer expression
    /// (<see cref="FilterParser.ParseFieldOrTransformer"/>) and that <paramref name="tryCompile"/> accepts
    /// (it returns null when the expression compiles for the source, else why not) — libs' retry loop.
    /// </summary>
    public static OutputTemplate Parse(string format, Func<AstNode, string?> tryCompile)
    {
        ArgumentNullException.ThrowIfNull(format);
        if (format.Length == 0)
        {
            throw new OutputTemplateException("empty formatting token", 0);
        }
        var requireAll = format[0] != '*';
        var start = requireAll ? 0 : 1;
        var tokens = new List<OutputToken>();
        var fields = new List<OutputFieldRef>();
        var literalStart = start;
        var j = start;
        for (; j < format.Length; j++)
        {
            if (format[j] != '%')
            {
                continue;
            }
            if (literalStart != j)
            {
                tokens.Add(new LiteralToken(format[literalStart..j]));
            }
            if (j == format.Length - 1)
            {
                throw new OutputTemplateException("invalid formatting syntax: formatting cannot end with a %", j);
            }
            var width = 0;
            while (char.IsAsciiDigit(format[j + 1]))
            {
                // libs reads it with sscanf %d; capped here so an absurd width cannot overflow.
                width = Math.Min(width * 10 + (format[j + 1] - '0'), MaxWidth);
                j++;
                if (j == format.Length - 1)
                {
                    throw new OutputTemplateException("invalid formatting syntax: formatting cannot end with a number", j);
                }
            }
            var (expression, length) = ReadExpression(format, j + 1, tryCompile);
            tokens.Add(new FieldToken(expression, OutputExpressionText.Of(expression), width));
            CollectFields(expression, fields);
            j += length;
            literalStart = j + 1;
        }
        if (literalStart < format.Length)
        {
            tokens.Add(new LiteralToken(format[literalStart..]));
        }
        return new OutputTemplate(format, requireAll, tokens, fields);
    }

    private static (AstNode Expression, int Length) ReadExpression(string format, int start,
        Func<AstNode, string?> tryCompile)
    {
        string? firstError = null;
        string? lastRejected = null;
        for (var end = format.Length; end > start; end--)
        {
            string? error;
            try
            {
                var node = FilterParser.ParseFieldOrTransformer(format, start, end, out var length);
                var text = format.Substring(start, length);
                // A shorter input that reads the same expression compiles the same way: skip it.
                if (text == lastRejected)
                {
                    continue;
                }
                error = tryCompile(node);
                if (error is null)
                {
                    return (node, length);
                }
                lastRejected = text;
            }
            catch (FilterParseException e)
            {
                error = e.Reason;
            }
            firstError ??= error;
        }
        // libs reports the error of its last (one-character) attempt, which never names the field; the first
        // attempt's error (the longest expression read) says what is wrong.
        throw new OutputTemplateException($"unknown filter: {firstError}", start);
    }

    // libs' formatter_visitor: every field of the expression, then the outermost transformer replacing nested ones.
    private static void CollectFields(AstNode node, List<OutputFieldRef> fields)
    {
        switch (node)
        {
            case FieldExpr f:
                fields.Add(new OutputFieldRef(OutputExpressionText.Of(f), f, false));
                break;
            case TransformerExpr t:
                foreach (var arg in t.Arguments)
                {
                    CollectFields(arg, fields);
                }
                if (fields.Count > 0 && fields[^1].HasTransformers)
                {
                    fields.RemoveAt(fields.Count - 1);
                }
                fields.Add(new OutputFieldRef(OutputExpressionText.Of(t), t, true));
                break;
            case TransformerListExpr l:
                foreach (var child in l.Children)
                {
                    CollectFields(child, fields);
                }
                break;
        }
    }
}
