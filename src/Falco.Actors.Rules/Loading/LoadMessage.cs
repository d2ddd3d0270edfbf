using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Loading;

public enum LoadSeverity
{
    Error,
    Warning,
}

/// <summary>
/// One error or warning of loading rules: Falco's code and wording, the item it is about and where it is.
/// For problems inside a condition, <see cref="ConditionPosition"/> is the place within the condition text whose
/// YAML value starts at <see cref="Location"/>.
/// </summary>
public sealed record LoadMessage(LoadSeverity Severity, LoadCode Code, string Message, string Item, FileLocation Location)
{
    public SourcePosition? ConditionPosition { get; init; }

    public bool IsError => Severity == LoadSeverity.Error;

    /// <summary><c>rules.yaml:12:3: error: rule 'X': LOAD_ERR_VALIDATE (Error validating ...): message</c>.</summary>
    public override string ToString()
    {
        var severity = IsError ? "error" : "warning";
        var item = Item.Length == 0 ? "" : $"{Item}: ";
        var where = ConditionPosition is { } p && !Message.StartsWith("filter error at", StringComparison.Ordinal)
            ? $" (in the condition at {p})"
            : "";
        return $"{Location}: {severity}: {item}{Code.Name()} ({Code.Title()}): {Message}{where}";
    }
}
