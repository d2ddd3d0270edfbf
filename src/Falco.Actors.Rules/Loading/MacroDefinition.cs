namespace Falco.Actors.Rules.Loading;

/// <summary>A macro as collected: its condition text (appends joined with a space) and where it was written.</summary>
public sealed record MacroDefinition(string Name, string Condition, ItemContext Context, ItemContext ConditionContext)
{
    public int Index { get; init; }
    public int Visibility { get; init; }
}
