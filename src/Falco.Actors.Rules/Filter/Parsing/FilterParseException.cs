using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Filter.Parsing;

/// <summary>
/// A condition text the filter grammar rejects. <see cref="Reason"/> is libs' exact wording (also the
/// <see cref="Exception.Message"/>); callers add their own context, e.g. <c>filter error at {Position}: </c>.
/// </summary>
public sealed class FilterParseException : Exception
{
    public FilterParseException(string reason, SourcePosition position)
        : base(reason)
    {
        Reason = reason;
        Position = position;
    }

    /// <summary>libs' message, e.g. <c>expected a ')' token</c>.</summary>
    public string Reason { get; }

    /// <summary>Where the parser stood when it gave up (libs' <c>parser::get_pos()</c> at the throw).</summary>
    public SourcePosition Position { get; }
}
