namespace Falco.Actors.Rules.Filter.Ast;

/// <summary>A place in a condition text: 0-based byte offset, 1-based line and column (libs' pos_info).</summary>
public readonly record struct SourcePosition(int Index, int Line, int Column)
{
    public static readonly SourcePosition Start = new(0, 1, 1);

    public override string ToString() => $"index {Index}, line {Line}, column {Column}";
}
