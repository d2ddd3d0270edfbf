namespace Falco.Actors.Rules.Loading;

/// <summary>
/// Loads rules files in order into one set of definitions, as Falco does: each file is read into the shared
/// collector, then everything is resolved again, so later files can append to and override earlier ones. Loading a
/// file stops at its first error, and a file that fails (reading or resolving) contributes nothing.
/// </summary>
public sealed class RulesLoader(RulesLoaderOptions? options = null)
{
    private readonly RulesLoaderOptions _options = options ?? new RulesLoaderOptions();

    /// <summary>
    /// Loads files and directories in order; a directory contributes its <c>*.yaml</c>/<c>*.yml</c> files (not
    /// recursively), sorted by name. A file that cannot be read is a LOAD_ERR_FILE_READ error.
    /// </summary>
    public RulesLoadResult LoadPaths(IEnumerable<string> paths) => Load(ExpandPaths(paths).Select(ReadFile));

    /// <summary>Loads in-memory contents, each named like the file it stands for.</summary>
    public RulesLoadResult LoadContents(IEnumerable<(string Name, string Content)> contents) =>
        Load(contents.Select(c => new RulesSource(c.Name, c.Content, null)));

    public RulesLoadResult LoadContent(string name, string content) => LoadContents([(name, content)]);

    /// <summary>The files a list of rules paths stands for, in load order.</summary>
    public static IEnumerable<string> ExpandPaths(IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path)
                    .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    yield return file;
                }
            }
            else
            {
                yield return path;
            }
        }
    }

    private sealed record RulesSource(string Name, string Content, string? ReadError);

    private static RulesSource ReadFile(string path)
    {
        try
        {
            return new RulesSource(path, File.ReadAllText(path), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new RulesSource(path, "", $"Could not read file: {e.Message}");
        }
    }

    private RulesLoadResult Load(IEnumerable<RulesSource> sources)
    {
        var collector = new RuleCollector(_options.Sources, _options.EngineVersion);
        var compiled = RuleSetCompiler.Compile(collector, _options.Sources, new LoadMessages());
        var files = new List<FileLoadResult>();
        var messages = new List<LoadMessage>();
        IReadOnlyList<LoadMessage> finalWarnings = [];

        foreach (var source in sources)
        {
            var fileMessages = new LoadMessages();
            if (source.ReadError is not null)
            {
                fileMessages.Add(new LoadMessage(LoadSeverity.Error, LoadCode.ErrFileRead, source.ReadError, "", FileLocation.WholeFile(source.Name)));
                Finish(source, fileMessages, []);
                continue;
            }
            var attempt = collector.Clone();
            if (!RulesFileReader.Read(source.Name, source.Content, attempt, fileMessages))
            {
                Finish(source, fileMessages, []);
                continue;
            }
            var compileMessages = new LoadMessages();
            try
            {
                compiled = RuleSetCompiler.Compile(attempt, _options.Sources, compileMessages);
            }
            catch (RuleLoadException e)
            {
                compileMessages.Add(e.ToMessage());
                Finish(source, fileMessages, compileMessages.All);
                continue;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // A failure of the filter or output compiler itself: the file fails, the loader goes on.
                compileMessages.Add(new LoadMessage(LoadSeverity.Error, LoadCode.ErrValidate, e.Message, "", FileLocation.WholeFile(source.Name)));
                Finish(source, fileMessages, compileMessages.All);
                continue;
            }
            collector = attempt;
            finalWarnings = compileMessages.All;
            Finish(source, fileMessages, compileMessages.All);
        }
        messages.AddRange(finalWarnings);

        return new RulesLoadResult
        {
            Rules = compiled.Rules,
            Macros = compiled.Macros,
            Lists = compiled.Lists,
            RequiredEngineVersion = collector.RequiredEngineVersion,
            RequiredPluginVersions = collector.PluginRequirements,
            Compilers = compiled.Compilers,
            Files = files,
            Messages = messages,
        };

        // Per file: everything Falco would report for it. Overall: its reading messages and errors only, since the
        // resolution warnings are repeated after every file and only the last successful resolution's count.
        void Finish(RulesSource source, LoadMessages read, IReadOnlyList<LoadMessage> resolved)
        {
            files.Add(new FileLoadResult(source.Name, [.. read.All, .. resolved]) { SchemaWarnings = read.Schema });
            messages.AddRange(read.All);
            messages.AddRange(resolved.Where(m => m.IsError));
        }
    }
}
