using YamlDotNet.RepresentationModel;

namespace Falco.Actors.Engine.Configuration.Schema;

/// <summary>
/// Falco keys that are valid but do nothing here (docs/configuration.md, "Falco 0.44 keys"). Most are settings of
/// Falco's syscall driver and libs, present in every stock falco.yaml, and stay silent. The few whose value asks for
/// something a user would expect to happen get one warning line saying that it does not, and what to use instead.
/// </summary>
internal static class NotApplicableKeys
{
    /// <summary>A note for <c>Section.Key</c> when its scalar value <see cref="AsksForIt"/>.</summary>
    private sealed record Note(string Section, string Key, Func<string, bool> AsksForIt, string Message);

    private static readonly Note[] Notes =
    [
        new("engine", "kind", kind => kind == "replay",
            "not applicable here: falco-actors runs no syscall driver; replay a capture with -e <file.scap>"),
        new("capture", "enabled", enabled => ConfigMap.ParseBool(enabled) == true,
            "not applicable here: falco-actors writes no capture files for triggered rules (record a run with -w <file.scap>)"),
    ];

    public static IEnumerable<ConfigWarning> Check(ConfigDocument document)
    {
        var root = new ConfigMap(document, document.Root, "");
        foreach (var note in Notes)
        {
            if (root.Get(note.Section) is YamlMappingNode section
                && new ConfigMap(document, section, note.Section) is var map
                && map.Get(note.Key) is YamlScalarNode { Value: { } value } node
                && note.AsksForIt(value))
            {
                yield return new ConfigWarning(document.LocationOf(node), map.PathOf(note.Key), note.Message);
            }
        }
    }
}
