using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Cli.Text;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Output;

namespace Falco.Actors.Cli.Commands;

/// <summary>
/// <c>--list [source]</c>: the fields of every source of the loaded plugins (or of one), in Falco's layout: one block
/// per field class (the generic <c>evt</c> class, then each plugin's), each printed once with every source it
/// serves; <c>-N</c> prints only the names, <c>-v</c> adds types, <c>--markdown</c> or <c>--format markdown</c> prints
/// tables, <c>--format json</c> one JSON array of the classes (<see cref="FieldClass.WriteJson"/>; with <c>-N</c>, of names).
/// </summary>
public static class ListFieldsCommand
{
    public static int Run(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigurationStep.Load(options, stderr);
        var plugins = PluginsStep.Load(config);
        var format = options.Markdown ? ListFormat.Markdown : options.Format;
        Write(plugins, options.ListSource, options.NamesOnly, options.Verbose, format, stdout);
        return 0;
    }

    public static void Write(PluginSet plugins, string source, bool namesOnly, bool verbose, ListFormat format, TextWriter stdout)
    {
        if (source.Length > 0 && !plugins.Sources.Contains(source))
        {
            throw new StartupException(
                $"Value for --list must be a valid source type (loaded sources: {(plugins.Sources.Count == 0 ? "none" : string.Join(", ", plugins.Sources))})");
        }
        var selected = plugins.Sources.Where(s => source.Length == 0 || s == source).ToList();
        var classesBySource = selected.ToDictionary(s => s, s => ClassesOf(plugins.FieldsOf(s)));
        var sourcesByKey = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (name, classes) in classesBySource)
        {
            foreach (var fieldClass in classes)
            {
                if (!sourcesByKey.TryGetValue(fieldClass.Key, out var set))
                {
                    sourcesByKey[fieldClass.Key] = set = new SortedSet<string>(StringComparer.Ordinal);
                }
                set.Add(name);
            }
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var shown = selected.SelectMany(name => classesBySource[name].Where(c => seen.Add(c.Key))).ToList();
        if (format == ListFormat.Json)
        {
            WriteJson(shown, sourcesByKey, namesOnly, stdout);
            return;
        }
        foreach (var fieldClass in shown)
        {
            if (namesOnly)
            {
                foreach (var field in fieldClass.Names)
                {
                    stdout.Write(field + "\n");
                }
            }
            else if (format == ListFormat.Markdown)
            {
                stdout.Write(fieldClass.AsMarkdown(sourcesByKey[fieldClass.Key]) + "\n");
            }
            else
            {
                stdout.Write(fieldClass.AsText(verbose, sourcesByKey[fieldClass.Key]) + "\n");
            }
        }
    }

    private static void WriteJson(List<FieldClass> classes, Dictionary<string, SortedSet<string>> sourcesByKey, bool namesOnly, TextWriter stdout) =>
        stdout.Write(JsonText.Document(json =>
        {
            json.WriteStartArray();
            foreach (var fieldClass in classes)
            {
                if (namesOnly)
                {
                    foreach (var name in fieldClass.Names)
                    {
                        json.WriteStringValue(name);
                    }
                }
                else
                {
                    fieldClass.WriteJson(json, sourcesByKey[fieldClass.Key]);
                }
            }
            json.WriteEndArray();
        }) + "\n");

    /// <summary>The classes of one source: provider 0 is the generic evt class, then the plugins in load order.</summary>
    public static IReadOnlyList<FieldClass> ClassesOf(SourceFields fields) =>
        [.. fields.Registry.Providers.Select((p, i) => FieldClass.Of(p, isGeneric: fields.PluginAt(i) is null))];
}
