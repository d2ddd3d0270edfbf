namespace Falco.Actors.Rules.Loading;

/// <summary>Stops loading the current file (Falco's rule_load_exception); becomes one error message.</summary>
internal sealed class RuleLoadException(LoadCode code, string message, ItemContext context) : Exception(message)
{
    public LoadCode Code { get; } = code;
    public ItemContext Context { get; } = context;
    public Filter.Ast.SourcePosition? ConditionPosition { get; init; }

    public LoadMessage ToMessage() =>
        new(LoadSeverity.Error, Code, Message, Context.Item, Context.Location) { ConditionPosition = ConditionPosition };
}
