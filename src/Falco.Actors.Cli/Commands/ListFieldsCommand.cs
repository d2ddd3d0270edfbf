using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Cli.Text;
using Falco.Actors.Plugins.Loading;

namespace Falco.Actors.Cli.Commands;

/// <summary>
/// <c>--list [source]</c>: the fields of every source of the loaded plugins (or of one), in Falco's layout: one block
/// per field class (the generic <c>evt</c> class, then each plugin's), each printed once with every source it
/// serves; <c>-N</c> prints only the names, <c>-v</c> adds types, <c>--markdown</c> prints tables.
/// </summary>
public static class ListFieldsCommand
{
    public static int Run(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigurationStep.Load(options, stderr);
        var plugins = PluginsStep.Load(config);
        Write(plugins, options.ListSource, options.NamesOnly, options.Verbose, options.Markdown, stdout);
        return 0;
    }

    public static void Write(PluginSet plugins, string source, bool namesOnly, bool verbose, bool markdown, TextWriter stdout)
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
        foreach (var name in selected)
        {
            foreach (var fieldClass in classesBySource[name].Where(c => seen.Add(c.Key)))
            {
                if (namesOnly)
                {
                    foreach (var field in fieldClass.Names)
                    {
                        stdout.Write(field + "\n");
                    }
                }
                else if (markdown)
                {
                    stdout.Write(fieldClass.AsMarkdown(sourcesByKey[fieldClass.Key]) + "\n");
                }
                else
                {
                    stdout.Write(fieldClass.AsText(verbose, sourcesByKey[fieldClass.Key]) + "\n");
                }
            }
        }
    }

    /// <summary>The classes of one source: provider 0 is the generic evt class, then the plugins in load order.</summary>
    public static IReadOnlyList<FieldClass> ClassesOf(SourceFields fields) =>
        [.. fields.Registry.Providers.Select((p, i) => FieldClass.Of(p, isGeneric: fields.PluginAt(i) is null))];
}
