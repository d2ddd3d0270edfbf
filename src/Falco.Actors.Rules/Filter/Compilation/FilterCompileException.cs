using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>A condition or output expression that does not compile; <see cref="Exception.Message"/> is <see cref="Reason"/>.</summary>
public sealed class FilterCompileException(string reason, SourcePosition position) : Exception(reason)
{
    /// <summary>What is wrong, in Falco's wording.</summary>
    public string Reason { get; } = reason;

    /// <summary>Where the offending node starts in the condition text.</summary>
    public SourcePosition Position { get; } = position;
}
