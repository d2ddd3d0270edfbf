using Falco.Actors.Rules.Filter.Parsing;
using Falco.Actors.Rules.Loading;

namespace Falco.Actors.Rules.Tests.Loading;

/// <summary>Loads rules text the way Falco's engine unit tests do: one file, the syscall source known (no fields).</summary>
internal static class LoaderTestKit
{
    public static RulesLoadResult Load(string yaml, string file = "rules.yaml", params string[] sources) =>
        new RulesLoader(new RulesLoaderOptions { Sources = RuleSourceSet.Of(sources.Length == 0 ? ["syscall"] : sources) })
            .LoadContent(file, yaml);

    public static RulesLoadResult LoadOk(string yaml, string file = "rules.yaml")
    {
        var result = Load(yaml, file);
        Assert.True(result.Successful, string.Join("\n", result.Messages));
        return result;
    }

    public static LoadedRule Rule(this RulesLoadResult result, string name) => Assert.Single(result.Rules, r => r.Name == name);

    /// <summary>libs' as_string of the rule's resolved condition (Falco's "condition_compiled").</summary>
    public static string Compiled(this RulesLoadResult result, string name) => AstPrinter.Print(result.Rule(name).ConditionAst);

    public static LoadMessage Error(this RulesLoadResult result)
    {
        Assert.False(result.Successful, "expected the load to fail");
        return Assert.Single(result.Errors);
    }

    public static bool HasWarning(this RulesLoadResult result, string text) =>
        result.Files.SelectMany(f => f.Messages).Any(m => !m.IsError && m.Message.Contains(text, StringComparison.Ordinal));

    public static LoadMessage Warning(this RulesLoadResult result, LoadCode code) =>
        Assert.Single(result.Files.SelectMany(f => f.Messages), m => m.Code == code);
}
