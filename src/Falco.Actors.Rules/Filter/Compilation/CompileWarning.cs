using Falco.Actors.Rules.Filter.Ast;

namespace Falco.Actors.Rules.Filter.Compilation;

/// <summary>Something that compiles but is probably not what the author meant.</summary>
public sealed record CompileWarning(string Message, SourcePosition Position);
