using Falco.Actors.Rules.Loading;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration;

/// <summary>
/// The YAML tree of one falco.yaml with the origin of every node: a line and column of the file, or the
/// <c>-o</c> option that created it. <c>-o</c> overrides edit this tree before it is bound to the model.
/// </summary>
internal sealed class ConfigDocument
{
    private readonly Dictionary<YamlNode, string> _fromOption = new(ReferenceEqualityComparer.Instance);

    // Nodes merged in from another file by config_files, so that errors name that file.
    private readonly Dictionary<YamlNode, string> _fromFile = new(ReferenceEqualityComparer.Instance);

    private ConfigDocument(string file, YamlMappingNode root)
    {
        File = file;
        Root = root;
    }

    public string File { get; }

    public YamlMappingNode Root { get; }

    /// <summary>When set, every key path a binder asks for (present or not): what a test compares with the schema.</summary>
    public HashSet<string>? KeysAskedFor { get; set; }

    public static ConfigDocument Parse(string text, string file)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new LimitedYamlParser(new StringReader(text)));
        }
        catch (YamlLimitException e)
        {
            throw ConfigurationException.AtPosition(new ConfigLocation(file, (int)e.Start.Line, (int)e.Start.Column), e.Problem, e);
        }
        catch (YamlException e)
        {
            var at = new ConfigLocation(file, (int)e.Start.Line, (int)e.Start.Column);
            throw ConfigurationException.AtPosition(at, $"YAML syntax error: {InnermostMessage(e)}", e);
        }
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            return new ConfigDocument(file, new YamlMappingNode());
        }
        var root = stream.Documents[0].RootNode;
        EnvironmentExpansion.Apply(root);
        if (root is not YamlMappingNode map)
        {
            var at = new ConfigLocation(file, (int)root.Start.Line, (int)root.Start.Column);
            throw ConfigurationException.AtPosition(at, $"the configuration must be a YAML map of keys, got {Describe(root)}");
        }
        return new ConfigDocument(file, map);
    }

    public ConfigLocation LocationOf(YamlNode node) =>
        _fromOption.TryGetValue(node, out var option)
            ? new ConfigLocation(File, 0, 0, option)
            : new ConfigLocation(_fromFile.GetValueOrDefault(node, File), (int)node.Start.Line, (int)node.Start.Column);

    /// <summary>Records that <paramref name="node"/> and everything under it came from a <c>-o</c> option.</summary>
    public void MarkFromOption(YamlNode node, string option) => Mark(_fromOption, node, option);

    /// <summary>Records that <paramref name="node"/> and everything under it came from the configuration file <paramref name="file"/>.</summary>
    public void MarkFromFile(YamlNode node, string file) => Mark(_fromFile, node, file);

    private static void Mark(Dictionary<YamlNode, string> origins, YamlNode node, string origin)
    {
        foreach (var n in node.AllNodes)
        {
            origins[n] = origin;
        }
    }

    /// <summary>A plain empty, <c>~</c> or <c>null</c> scalar: YAML's null.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } s
        && s.Value is null or "" or "~" or "null" or "Null" or "NULL";

    public static string Describe(YamlNode node) => node switch
    {
        YamlMappingNode => "a map",
        YamlSequenceNode => "a list",
        YamlScalarNode s when IsNull(s) => "null",
        YamlScalarNode s => $"'{s.Value}'",
        _ => "an unsupported node",
    };

    private static string InnermostMessage(Exception e)
    {
        while (e.InnerException is not null)
        {
            e = e.InnerException;
        }
        return e.Message;
    }
}
