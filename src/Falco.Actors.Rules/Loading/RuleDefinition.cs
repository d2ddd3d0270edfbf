using System.Collections.Immutable;

namespace Falco.Actors.Rules.Loading;

/// <summary>A rule as collected from the files (every key, after appends and overrides).</summary>
public sealed record RuleDefinition(string Name, ItemContext Context)
{
    public string Condition { get; init; } = "";
    public ItemContext ConditionContext { get; init; } = Context;
    public string Output { get; init; } = "";
    public ItemContext OutputContext { get; init; } = Context;
    public string Description { get; init; } = "";
    public Priority Priority { get; init; } = Priority.Debug;
    public string Source { get; init; } = RuleSources.Syscall;
    public ImmutableSortedSet<string> Tags { get; init; } = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);
    public IReadOnlyList<ExceptionInfo> Exceptions { get; init; } = [];
    public bool Enabled { get; init; } = true;
    public bool WarnEvttypes { get; init; } = true;
    public bool SkipIfUnknownFilter { get; init; }
    public bool Capture { get; init; }
    public ulong CaptureDuration { get; init; }

    /// <summary>No source of that name was known when the rule was defined: it is never compiled.</summary>
    public bool UnknownSource { get; init; }

    public int Index { get; init; }
    public int Visibility { get; init; }
}

/// <summary>The keys an append or a selective replace of a rule carries (null: not given).</summary>
internal sealed record RuleUpdate(string Name, ItemContext Context)
{
    public string? Condition { get; init; }
    public ItemContext? ConditionContext { get; init; }
    public string? Output { get; init; }
    public ItemContext? OutputContext { get; init; }
    public string? Description { get; init; }
    public ImmutableSortedSet<string>? Tags { get; init; }
    public IReadOnlyList<ExceptionInfo>? Exceptions { get; init; }
    public Priority? Priority { get; init; }
    public bool? Enabled { get; init; }
    public bool? WarnEvttypes { get; init; }
    public bool? SkipIfUnknownFilter { get; init; }
    public bool? Capture { get; init; }
    public ulong? CaptureDuration { get; init; }

    public bool HasAnyValue =>
        Condition is not null || Output is not null || Description is not null || Tags is not null
        || Exceptions is not null || Priority is not null || Enabled is not null || WarnEvttypes is not null
        || SkipIfUnknownFilter is not null || Capture is not null || CaptureDuration is not null;
}

public static class RuleSources
{
    /// <summary>The source of a rule without a <c>source</c> key.</summary>
    public const string Syscall = "syscall";
}
