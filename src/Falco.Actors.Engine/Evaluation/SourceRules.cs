using Falco.Actors.Engine.Outputs;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Filter.Compilation;
using Falco.Actors.Rules.Output;
using Falco.Actors.Rules.RuleSets;

namespace Falco.Actors.Engine.Evaluation;

/// <summary>
/// What every evaluator of one source shares on a node, built once: the source's fields, the compiler its rules
/// were compiled with, the immutable <see cref="RuleSet"/> and the output options. Evaluators make their own
/// extractors, <c>EvalContext</c> and <see cref="AlertFormatter"/> from it.
/// </summary>
public sealed class SourceRules
{
    private readonly FilterCompiler _compiler;

    public SourceRules(SourceFields fields, FilterCompiler compiler, RuleSet ruleSet, OutputOptions outputOptions)
    {
        if (compiler.Registry.Source != fields.Source || ruleSet.Source != fields.Source)
        {
            throw new ArgumentException(
                $"the fields ({fields.Source}), compiler ({compiler.Registry.Source}) and rules ({ruleSet.Source}) must be of one source");
        }
        Fields = fields;
        _compiler = compiler;
        RuleSet = ruleSet;
        OutputOptions = outputOptions;
        // A first formatter registers the alert prefix's slots (evt.time) now, before any context is sized.
        _ = CreateFormatter();
    }

    public string Source => Fields.Source;

    public SourceFields Fields { get; }

    public RuleSet RuleSet { get; }

    public OutputOptions OutputOptions { get; }

    /// <summary>
    /// A context over <paramref name="extractors"/> (one per provider, as <see cref="SourceFields.CreateExtractors"/>
    /// makes them) for one owner.
    /// </summary>
    public Rules.Filter.Evaluation.EvalContext CreateContext(OwnerExtractors extractors)
    {
        lock (_compiler)
        {
            return _compiler.CreateContext(extractors.Extractors);
        }
    }

    /// <summary>A formatter for one owner (formatters keep buffers, so owners do not share them).</summary>
    public AlertFormatter CreateFormatter()
    {
        // Compiling the prefix goes through the shared compiler, which is not thread-safe.
        lock (_compiler)
        {
            return new AlertFormatter(_compiler, OutputOptions);
        }
    }

    /// <summary>The alert as the output sinks take it.</summary>
    public static FormattedAlert ToFormatted(Alert alert) =>
        new(alert.Rule, alert.Priority, alert.Source, alert.Tags, alert.TimestampNs,
            alert.Json is null ? alert.Line : alert.Output, alert.Json);
}
