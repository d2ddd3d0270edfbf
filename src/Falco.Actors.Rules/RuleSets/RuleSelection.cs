namespace Falco.Actors.Rules.RuleSets;

/// <summary>
/// One item of falco.yaml's <c>rules:</c>: enable or disable the rules whose name matches <see cref="RuleName"/>
/// (Falco's wildcards: <c>*</c> matches any text) and/or that carry <see cref="Tag"/>. With both, the name is
/// applied first, then the tag, as Falco does.
/// </summary>
public sealed record RuleSelection(bool Enable, string? RuleName, string? Tag)
{
    /// <summary>
    /// Falco's selection over one source's rules (<paramref name="candidates"/>, in definition order: those at least as
    /// severe as the minimum priority, the only ones Falco puts in its ruleset). It starts from the rules enabled in
    /// their files and applies each item in turn: a disable removes the rules it matches, an enable appends those not
    /// already running, since Falco's ruleset runs rules in the order they were enabled (so with
    /// <c>rule_matching: first</c> a rule disabled then enabled again comes after the others). Rules one item enables
    /// together keep their definition order.
    /// </summary>
    public static IReadOnlyList<CompiledRule> Apply(IReadOnlyList<CompiledRule> candidates, IReadOnlyList<RuleSelection> selections)
    {
        var running = candidates.Where(r => r.Enabled).ToList();
        foreach (var selection in selections)
        {
            if (!string.IsNullOrEmpty(selection.RuleName))
            {
                Change(running, candidates, selection.Enable, r => NameMatches(selection.RuleName, r.Name));
            }
            if (!string.IsNullOrEmpty(selection.Tag))
            {
                Change(running, candidates, selection.Enable, r => r.Tags.Contains(selection.Tag, StringComparer.Ordinal));
            }
        }
        return running;
    }

    /// <summary>
    /// Falco's <c>falco::utils::matches_wildcard</c>: without <c>*</c> the name must equal the pattern; text before a
    /// <c>*</c> must start the name; the text between stars is found at its first occurrence, without backtracking
    /// (so <c>*a</c> does not match <c>aXa</c>, exactly as in Falco). Case-sensitive.
    /// </summary>
    public static bool NameMatches(string pattern, string name)
    {
        var p = pattern.AsSpan();
        var s = name.AsSpan();
        while (true)
        {
            var star = p.IndexOf('*');
            if (star < 0)
            {
                return p.SequenceEqual(s);
            }
            if (star > 0)
            {
                if (s.Length < star || !s[..star].SequenceEqual(p[..star]))
                {
                    return false;
                }
                p = p[star..];
                s = s[star..];
                continue;
            }
            p = p.TrimStart('*');
            if (p.IsEmpty)
            {
                return true;
            }
            var next = p.IndexOf('*');
            var literal = next < 0 ? p : p[..next];
            var at = s.IndexOf(literal);
            if (at < 0)
            {
                return false;
            }
            p = p[literal.Length..];
            s = s[(at + literal.Length)..];
        }
    }

    private static void Change(List<CompiledRule> running, IReadOnlyList<CompiledRule> candidates, bool enable,
        Func<CompiledRule, bool> matches)
    {
        if (!enable)
        {
            running.RemoveAll(r => matches(r));
            return;
        }
        foreach (var rule in candidates)
        {
            if (matches(rule) && !running.Contains(rule))
            {
                running.Add(rule);
            }
        }
    }
}
