using System.Collections.Immutable;
using Falco.Actors.Rules.Filter.Ast;
using Falco.Actors.Rules.Filter.Compilation;

namespace Falco.Actors.Rules.Loading;

/// <summary>
/// A rule of a known source, ready for the engine: every key as collected (after appends/overrides) and its
/// condition resolved (exceptions applied, lists substituted, macros expanded) and, when the source has a field
/// registry, compiled.
/// </summary>
public sealed record LoadedRule
{
    public required string Name { get; init; }
    public required string Description { get; init; }

    /// <summary>The condition as written (appends joined), before exceptions and lists.</summary>
    public required string Condition { get; init; }

    /// <summary>The text that was parsed: exceptions appended and lists substituted.</summary>
    public required string ExpandedCondition { get; init; }

    /// <summary>The parsed condition with every macro expanded.</summary>
    public required AstNode ConditionAst { get; init; }

    /// <summary>The compiled condition; null when the source has no field registry.</summary>
    public CompiledFilter? Filter { get; init; }

    public required string Output { get; init; }
    public required Priority Priority { get; init; }
    public required string Source { get; init; }
    public required ImmutableSortedSet<string> Tags { get; init; }
    public required bool Enabled { get; init; }
    public required bool WarnEvttypes { get; init; }
    public required bool SkipIfUnknownFilter { get; init; }
    public required bool Capture { get; init; }
    public required ulong CaptureDuration { get; init; }

    /// <summary>The fields the rule's exceptions compare.</summary>
    public required IReadOnlySet<string> ExceptionFields { get; init; }

    /// <summary>Where the rule was (first) defined.</summary>
    public required FileLocation Location { get; init; }

    /// <summary>Where its condition and output values start (of the item that last set them).</summary>
    public required FileLocation ConditionLocation { get; init; }
    public required FileLocation OutputLocation { get; init; }
}
