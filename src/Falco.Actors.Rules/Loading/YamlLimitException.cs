using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Falco.Actors.Rules.Loading;

/// <summary>YAML that <see cref="LimitedYamlParser"/> refuses; the message says which limit, Start says where.</summary>
public sealed class YamlLimitException(ParsingEvent at, string problem) : YamlException(at.Start, at.End, problem)
{
    /// <summary>What is wrong, without YamlDotNet's location prefix.</summary>
    public string Problem { get; } = problem;
}
