using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Loading;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Plugins.Tests.Managed.TestPlugins;
using Falco.Actors.Rules.Fields;
using Falco.Actors.Rules.Fields.Generic;

namespace Falco.Actors.Plugins.Tests.Loading;

public class PluginSetTests
{
    // The test assembly is itself a managed plugin library: its public plugin types are the plugins.
    private static readonly string Library = typeof(CounterPlugin).Assembly.Location;

    private static readonly PluginLoadOptions Options = new() { PluginsDirectory = Path.GetTempPath() };

    private static PluginConfigEntry Entry(string name, string? init = null) => new(name, Library, init);

    private static PluginSet Load(IReadOnlyList<string>? loadPlugins, params PluginConfigEntry[] entries) =>
        PluginSet.Load(entries, loadPlugins, Options);

    [Fact]
    public void Without_load_plugins_every_entry_loads_in_order()
    {
        var set = Load(null, Entry("length"), Entry("counter"), Entry("upper"));
        Assert.Equal(["length", "counter", "upper"], set.Plugins.Select(p => p.Name));
        Assert.Equal([new PluginVersion("length", "2.0.0"), new("counter", "1.2.3"), new("upper", "0.1.0")], set.Versions);
        Assert.Equal(["counter"], set.Sources);
        Assert.Equal(Library, set.Plugins[0].LibraryFile);
    }

    [Fact]
    public void Load_plugins_picks_exactly_the_named_entries_in_its_order()
    {
        var set = Load(["upper", "counter"], Entry("counter"), Entry("length"), Entry("upper"));
        Assert.Equal(["upper", "counter"], set.Plugins.Select(p => p.Name));
        Assert.Empty(Load([], Entry("counter")).Plugins);
    }

    [Fact]
    public void An_unknown_name_in_load_plugins_is_refused_with_falcos_message()
    {
        var e = Assert.Throws<PluginException>(() => Load(["counter", "cloudtrail"], Entry("counter")));
        Assert.Equal("Cannot load plugin 'cloudtrail': plugin config not found for given name", e.Message);
    }

    [Fact]
    public void The_configured_name_must_be_the_name_the_plugin_reports()
    {
        // A managed library has no plugin of that name.
        var managed = Assert.Throws<PluginException>(() => Load(null, Entry("countr")));
        Assert.StartsWith($"Cannot load plugin 'countr' from '{Library}': no plugin in the assembly is named 'countr' (found ", managed.Message);
        Assert.Contains("'counter' (Falco.Actors.Plugins.Tests.Managed.TestPlugins.CounterPlugin)", managed.Message);

        // A native library reports another name.
        using var dir = new TempFolder();
        var so = Path.Combine(dir.FullName, "libcounter.so");
        File.WriteAllBytes(so, []);
        var options = Options with { LoadNative = (path, _) => new ManagedPlugin(new CounterPlugin(), path) };
        var native = Assert.Throws<PluginException>(() =>
            PluginSet.Load([new PluginConfigEntry("mycounter", so)], null, options));
        Assert.Equal(
            $"Cannot load plugin 'mycounter' from '{so}': the plugin reports the name 'counter', and the configured name must equal it",
            native.Message);
    }

    [Fact]
    public void Native_libraries_go_through_the_native_loader()
    {
        using var dir = new TempFolder();
        File.WriteAllBytes(Path.Combine(dir.FullName, "libcounter.so"), []);
        var loaded = new List<string>();
        var options = new PluginLoadOptions
        {
            PluginsDirectory = dir.FullName,
            LoadNative = (path, _) => { loaded.Add(path); return new ManagedPlugin(new CounterPlugin(), path); },
        };
        var set = PluginSet.Load([new PluginConfigEntry("counter", "libcounter.so")], null, options);
        Assert.Equal([Path.Combine(dir.FullName, "libcounter.so")], loaded);
        Assert.Equal("counter", set.Plugins.Single().Name);
    }

    [Fact]
    public void Relative_paths_are_looked_for_next_to_the_config_then_in_the_plugins_directory_then_the_base_directory()
    {
        using var configDir = new TempFolder();
        using var pluginsDir = new TempFolder();
        File.Copy(Library, Path.Combine(pluginsDir.FullName, "counter.dll"));
        var log = new List<string>();
        var options = new PluginLoadOptions
        {
            ConfigFile = Path.Combine(configDir.FullName, "falco.yaml"),
            PluginsDirectory = pluginsDir.FullName,
            Log = log.Add,
        };

        // Found in the plugins directory (a copy loaded in its own context, sharing the host's contracts).
        var fromPlugins = PluginSet.Load([new PluginConfigEntry("counter", "counter.dll")], null, options);
        Assert.Equal(Path.Combine(pluginsDir.FullName, "counter.dll"), fromPlugins.Plugins[0].LibraryFile);
        Assert.Equal([$"Loading plugin 'counter' from file {Path.Combine(pluginsDir.FullName, "counter.dll")}"], log);
        using (var instance = fromPlugins.Plugins[0].CreateInstance())
        {
            Assert.NotNull(instance.Extractor);
        }

        // Next to the config file wins over the plugins directory.
        File.Copy(Library, Path.Combine(configDir.FullName, "counter.dll"));
        var fromConfig = PluginSet.Load([new PluginConfigEntry("counter", "counter.dll")], null, options);
        Assert.Equal(Path.Combine(configDir.FullName, "counter.dll"), fromConfig.Plugins[0].LibraryFile);

        // The application's base directory comes last.
        var fromBase = PluginSet.Load([new PluginConfigEntry("counter", Path.GetFileName(Library))], null,
            options with { BaseDirectory = Path.GetDirectoryName(Library)! });
        Assert.Equal(Library, fromBase.Plugins[0].LibraryFile);

        var missing = Assert.Throws<PluginException>(() =>
            PluginSet.Load([new PluginConfigEntry("counter", "nowhere.dll")], null, options));
        Assert.StartsWith("Cannot load plugin 'counter' from 'nowhere.dll': file not found (looked for ", missing.Message);
        Assert.EndsWith($"(in {options.ConfigFile})", missing.Message);
    }

    [Fact]
    public void A_dll_that_is_not_a_plugin_assembly_is_refused()
    {
        var rules = typeof(FieldRegistry).Assembly.Location;
        var none = Assert.Throws<PluginException>(() => Load(null, new PluginConfigEntry("rules", rules)));
        Assert.Equal($"Cannot load plugin 'rules' from '{rules}': the assembly has no public type implementing IManagedPlugin", none.Message);

        using var dir = new TempFolder();
        File.WriteAllText(dir.PathOf("fake.dll"), "not an assembly");
        var fake = Assert.Throws<PluginException>(() => Load(null, new PluginConfigEntry("fake", dir.PathOf("fake.dll"))));
        Assert.StartsWith($"Cannot load plugin 'fake' from '{dir.PathOf("fake.dll")}': not a .NET assembly", fake.Message);
    }

    [Fact]
    public void Duplicate_names_are_refused()
    {
        var e = Assert.Throws<PluginException>(() => Load(null, Entry("counter"), Entry("counter")));
        Assert.Equal($"Plugin 'counter' ({Library}): a plugin with the same name is already loaded from '{Library}'", e.Message);
    }

    [Fact]
    public void Source_ids_and_sources_are_unique_and_reserved_sources_refused()
    {
        var id = Assert.Throws<PluginException>(() => Load(null, Entry("counter"), Entry("sameid")));
        Assert.Equal($"Plugin 'sameid' ({Library}): plugin id 999 is already used by plugin 'counter' ({Library})", id.Message);
        var source = Assert.Throws<PluginException>(() => Load(null, Entry("counter"), Entry("samesource")));
        Assert.StartsWith($"Plugin 'samesource' ({Library}): event source 'counter' is already produced by plugin 'counter'", source.Message);
        var reserved = Assert.Throws<PluginException>(() => Load(null, Entry("fakesyscall")));
        Assert.Equal($"Plugin 'fakesyscall' ({Library}): the event source name 'syscall' is reserved", reserved.Message);
    }

    [Fact]
    public void Init_configs_are_checked_against_the_schema_before_any_init()
    {
        var e = Assert.Throws<PluginException>(() => Load(null, Entry("counter", """{"count":-1}""")));
        Assert.Equal(
            $"Plugin 'counter' ({Library}): init config does not conform to the plugin's schema at '/count': -1 is less than the minimum 0",
            e.Message);
        Assert.Equal("{}", Load(null, Entry("counter")).Plugins[0].InitConfig);
    }

    [Fact]
    public void Each_source_gets_the_fields_of_its_compatible_extractors_in_load_order()
    {
        var set = Load(null, Entry("length"), Entry("counter"), Entry("ticker"), Entry("upper"));
        Assert.Equal(["counter", "ticker"], set.Sources);
        Assert.Equal(new Dictionary<uint, string> { [999] = "counter", [1000] = "ticker" }, set.SourcesById);

        var counter = set.FieldsOf("counter");
        Assert.Equal(["evt", "length", "counter", "upper"], counter.Registry.Providers.Select(p => p.Name));
        Assert.Equal("counter", counter.SourcePlugin!.Name);
        Assert.Null(counter.PluginAt(0));
        Assert.True(counter.Registry.TryGet("upper.text", out var upper));
        Assert.Equal(3, upper.Provider);
        Assert.Same(set.Find("upper"), counter.PluginAt(3));

        // upper extracts from counter only; counter extracts from its own source only; length from every source.
        var ticker = set.FieldsOf("ticker");
        Assert.Equal(["evt", "length"], ticker.Registry.Providers.Select(p => p.Name));
        Assert.False(ticker.Registry.Contains("counter.value"));
        // A source plugin without extraction still gets a state per owner, for evt.plugininfo.
        using (var tickerExtractors = ticker.CreateExtractors())
        {
            Assert.Equal(["length", "ticker"], tickerExtractors.Instances.Select(i => i.Info.Name));
        }
        Assert.Throws<PluginException>(() => set.FieldsOf("nosuchsource"));
    }

    [Fact]
    public void An_extractor_compatible_with_no_loaded_source_is_refused()
    {
        var e = Assert.Throws<PluginException>(() => Load(null, Entry("counter"), Entry("syscallonly")));
        Assert.Equal(
            $"Plugin 'syscallonly' is loaded but unused as not compatible with any known event source (file {Library}; it extracts from syscall; loaded sources: counter)",
            e.Message);
    }

    [Fact]
    public void Two_plugins_exporting_one_field_for_a_source_are_refused_naming_both()
    {
        var e = Assert.Throws<PluginException>(() => Load(null, Entry("counter"), Entry("collider")));
        Assert.Equal(
            $"Plugin 'collider' ({Library}) supports extraction of field 'counter.value' that is overlapping for source 'counter': it is also exported by 'counter' ({Library})",
            e.Message);
    }

    [Fact]
    public void Each_owner_gets_fresh_extractor_states_in_provider_order()
    {
        var set = Load(null, Entry("length"), Entry("counter", """{"prefix":"c"}"""), Entry("upper"));
        var fields = set.FieldsOf("counter");
        var first = fields.CreateExtractors();
        using var second = fields.CreateExtractors();
        Assert.Equal(4, first.Extractors.Count);
        Assert.IsType<GenericEventExtractor>(first.Extractors[0]);
        Assert.NotSame(first.Extractors[2], second.Extractors[2]);
        // The counter's state serves both its fields and evt.plugininfo: one state per plugin per owner.
        Assert.Equal(3, first.Instances.Count);

        var batch = new EventBatch();
        batch.Add(1, 5, 999, "c12"u8);
        var values = new FieldValues();
        var names = new[] { "len.payload", "counter.value", "upper.text", "evt.pluginname", "evt.plugininfo", "evt.source" };
        for (var slot = 0; slot < names.Length; slot++)
        {
            Assert.True(fields.Registry.TryGet(names[slot], out var f));
            first.Extractors[f.Provider].Extract(batch[0], [new FieldRequest(slot, f.FieldId, f.Info.Type, false, FieldArgument.Absent)], values);
        }
        Assert.Equal(3UL, values.GetNumber(0));
        Assert.Equal(12UL, values.GetNumber(1));
        Assert.Equal("C12", values.GetString(2));
        Assert.Equal("counter", values.GetString(3));
        Assert.Equal("counter #c12", values.GetString(4));
        Assert.Equal("counter", values.GetString(5));

        var state = (CounterState)first.Extractors[2];
        first.Dispose();
        Assert.True(state.Disposed);
        Assert.False(((CounterState)second.Extractors[2]).Disposed);
    }

    [Fact]
    public void The_source_plugin_opens_with_the_configured_init_config()
    {
        var set = Load(null, new PluginConfigEntry("counter", Library, """{"count":2,"prefix":"p"}""", " 3 "));
        Assert.Equal("3", set.Plugins[0].OpenParams);
        using var instance = set.Plugins[0].CreateInstance();
        using var session = instance.Open("");
        var batch = new EventBatch();
        Assert.Equal(BatchStatus.Eof, session.NextBatch(batch));
        Assert.Equal(2, batch.Count);
        Assert.Same(set.Plugins[0], set.SourcePluginById(999));
    }
}
