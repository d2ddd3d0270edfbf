using System.Text;
using Falco.Actors.Cli.Options;
using Falco.Actors.Cli.Startup;
using Falco.Actors.Cli.Text;
using Falco.Actors.Engine.Configuration;
using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Plugins.Schema;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Cli.Commands;

/// <summary>
/// <c>--plugin-info &lt;name or library path&gt;</c>: one plugin of the configuration (matched by name, by its
/// library_path as written or resolved) in Falco's layout: the description block, its fields (in the <c>--list</c>
/// layout), the init config schema, and, once initialised with the configured init_config, its suggested open
/// parameters. A native library that no entry names may be given by path too.
/// </summary>
public static class PluginInfoCommand
{
    public static int Run(CliOptions options, TextWriter stdout, TextWriter stderr)
    {
        var config = ConfigurationStep.Load(options, stderr);
        var wanted = options.PluginInfo!;
        var loadOptions = PluginsStep.LoadOptions(config);
        var (plugin, initConfig) = Find(config, wanted, loadOptions)
                                   ?? throw new StartupException($"can't find plugin and print its info: {wanted}");
        var info = plugin.Info;

        var s = new StringBuilder();
        s.Append(PluginText.Describe(info)).Append('\n');
        if (info.Has(PluginCapabilities.Extraction))
        {
            s.Append(FieldClass.Of(new FieldProvider(info.Name, info.Fields), isGeneric: false).AsText(false, info.ExtractEventSources))
                .Append('\n');
        }
        s.Append("Init config schema type: ")
            .Append(info.InitSchema is null
                ? "Not available, plugin does not implement the init config schema functionality"
                : "JSON")
            .Append('\n').Append(info.InitSchema ?? "").Append("\n\n");
        stdout.Write(Falco.Actors.Engine.Redaction.Secrets.Redact(s.ToString()));

        IPluginInstance instance;
        try
        {
            instance = plugin.CreateInstance(InitConfigValidator.Prepare(info, initConfig));
        }
        catch (Exception e) when (e is PluginException or JsonSchemaException)
        {
            throw new StartupException(e.Message, e);
        }
        using (instance)
        {
            if (info.Has(PluginCapabilities.Sourcing))
            {
                var open = instance.ListOpenParams();
                var p = new StringBuilder();
                if (open.Count == 0)
                {
                    p.Append("No suggested open params available: plugin has not been configured, or it does not implement the open params suggestion functionality\n");
                }
                else
                {
                    p.Append("Suggested open params:\n");
                    foreach (var param in open)
                    {
                        p.Append(param.Description.Length == 0 ? param.Value : $"{param.Value}: {param.Description}").Append('\n');
                    }
                }
                stdout.Write(Falco.Actors.Engine.Redaction.Secrets.Redact(p.Append('\n').ToString()));
            }
        }
        return 0;
    }

    private static (IPlugin Plugin, string InitConfig)? Find(FalcoConfiguration config, string wanted, PluginLoadOptions options)
    {
        foreach (var entry in config.Plugins)
        {
            if (entry.Name != wanted && entry.LibraryPath.Raw != wanted && entry.LibraryPath.Resolved != wanted
                && !SameFile(entry.LibraryPath.Resolved, wanted))
            {
                continue;
            }
            var configEntry = new PluginConfigEntry(entry.Name, entry.LibraryPath.Raw, entry.InitConfig, entry.OpenParams);
            try
            {
                var file = LibraryPathResolver.Resolve(configEntry, options);
                var plugin = ManagedPluginLoader.IsManagedPath(file)
                    ? ManagedPluginLoader.Load(file, entry.Name)
                    : options.LoadNative(file, null);
                return (plugin, entry.InitConfig);
            }
            catch (PluginException e)
            {
                throw new StartupException($"{entry.Location}: plugins[{config.Plugins.ToList().IndexOf(entry)}]: {e.Message}", e);
            }
        }
        if (File.Exists(wanted) && !ManagedPluginLoader.IsManagedPath(wanted))
        {
            try
            {
                LibraryFileGuard.Check(Path.GetFileName(wanted), wanted);
                return (options.LoadNative(Path.GetFullPath(wanted), null), "");
            }
            catch (Exception e) when (e is PluginException or DllNotFoundException or BadImageFormatException)
            {
                throw new StartupException($"Cannot load plugin from '{wanted}': {e.Message}", e);
            }
        }
        return null;
    }

    private static bool SameFile(string a, string b) =>
        a.Length > 0 && File.Exists(b) && Path.GetFullPath(a) == Path.GetFullPath(b);
}
