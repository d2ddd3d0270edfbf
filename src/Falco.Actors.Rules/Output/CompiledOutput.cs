using System.Text;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Filter.Evaluation;

namespace Falco.Actors.Rules.Output;

/// <summary>
/// An output template compiled for one source: renders the text of an event (libs'
/// <c>tostring_withformat(OF_NORMAL)</c>) and lists the values of its <c>output_fields</c>.
/// </summary>
public sealed class CompiledOutput
{
    private const string NotAvailable = "<NA>";

    private readonly Piece[] _pieces;

    private readonly record struct Piece(string? Literal, CompiledValue? Value, int Width);

    /// <summary>One <c>output_fields</c> entry: its key and the compiled value.</summary>
    public sealed record Field(string Name, CompiledValue Value, bool HasTransformers);

    private CompiledOutput(OutputTemplate template, Piece[] pieces, IReadOnlyList<Field> fields)
    {
        Template = template;
        _pieces = pieces;
        Fields = fields;
    }

    public OutputTemplate Template { get; }

    /// <summary>The <c>output_fields</c> values, in token order.</summary>
    public IReadOnlyList<Field> Fields { get; }

    /// <summary>Parses and compiles <paramref name="format"/>; throws <see cref="OutputTemplateException"/>.</summary>
    public static CompiledOutput Compile(string format, FilterCompiler compiler)
    {
        var compiled = new Dictionary<AstNode, CompiledValue>(ReferenceEqualityComparer.Instance);
        var template = OutputTemplate.Parse(format, node =>
        {
            try
            {
                compiled[node] = compiler.CompileValue(node);
                return null;
            }
            catch (FilterCompileException e)
            {
                return e.Reason;
            }
        });
        CompiledValue ValueOf(AstNode node) =>
            compiled.TryGetValue(node, out var v) ? v : compiled[node] = compiler.CompileValue(node);

        var pieces = template.Tokens.Select(t => t switch
        {
            LiteralToken l => new Piece(l.Text, null, 0),
            FieldToken f => new Piece(null, ValueOf(f.Expression), f.Width),
            _ => throw new InvalidOperationException($"unexpected token {t}"),
        }).ToArray();
        var fields = template.Fields.Select(f => new Field(f.Name, ValueOf(f.Expression), f.HasTransformers)).ToArray();
        return new CompiledOutput(template, pieces, fields);
    }

    /// <summary>
    /// Appends the rendered text; missing values print <c>&lt;NA&gt;</c>, or (without a leading <c>*</c>) make the
    /// render fail: false is returned and what was appended is unspecified.
    /// </summary>
    public bool TryRender(EvalContext ctx, StringBuilder into)
    {
        foreach (var piece in _pieces)
        {
            if (piece.Literal is not null)
            {
                into.Append(piece.Literal);
                continue;
            }
            var start = into.Length;
            if (!piece.Value!.TryFormat(ctx, into))
            {
                if (Template.RequireAllValues)
                {
                    return false;
                }
                into.Append(NotAvailable);
            }
            if (piece.Width != 0)
            {
                FitToWidth(into, start, piece.Width);
            }
        }
        return true;
    }

    // libs' std::string::resize(width, ' '): pads or cuts the value's UTF-8 bytes. A cut inside a character
    // leaves invalid UTF-8, which the alert writers turn into U+FFFD.
    private static void FitToWidth(StringBuilder into, int start, int width)
    {
        var bytes = 0;
        for (var i = start; i < into.Length; i++)
        {
            var c = into[i];
            var size = c < 0x80 ? 1 : c < 0x800 ? 2 : char.IsHighSurrogate(c) ? 4 : char.IsLowSurrogate(c) ? 0 : 3;
            if (bytes + size > width)
            {
                var cutInside = bytes < width;
                into.Length = i;
                if (cutInside)
                {
                    into.Append('\uFFFD');
                }
                return;
            }
            bytes += size;
        }
        into.Append(' ', width - bytes);
    }
}
