using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Rules.Loading.Schema;

/// <summary>
/// One place where a YAML document does not match its JSON schema: the node (for its line and column), the key
/// path (<c>http_output.url</c>, <c>plugins[0].name</c>, <c>[3].priority</c>) and what is wrong.
/// </summary>
public sealed record SchemaProblem(YamlNode Node, string Path, string Message);
