using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Managed;
using Falco.Actors.Plugins.Schema;
using Falco.Actors.Plugins.Tests.Managed.TestPlugins;

namespace Falco.Actors.Plugins.Tests.Schema;

public class InitConfigValidatorTests
{
    private static readonly PluginInfo Counter = new ManagedPlugin(new CounterPlugin(), "/plugins/counter.dll").Info;

    [Fact]
    public void An_empty_config_becomes_an_empty_object_when_the_plugin_has_a_schema()
    {
        Assert.Equal("{}", InitConfigValidator.Prepare(Counter, ""));
        Assert.Equal("{}", InitConfigValidator.Prepare(Counter, null));
        Assert.Equal("""{"count":3}""", InitConfigValidator.Prepare(Counter, """{"count":3}"""));
    }

    [Fact]
    public void Without_a_schema_the_config_is_opaque()
    {
        var info = Counter with { InitSchema = null };
        Assert.Equal("anything at all", InitConfigValidator.Prepare(info, "anything at all"));
        Assert.Equal("", InitConfigValidator.Prepare(info, ""));
    }

    [Fact]
    public void A_nonconforming_config_names_the_plugin_the_file_and_the_property()
    {
        var e = Assert.Throws<PluginException>(() => InitConfigValidator.Prepare(Counter, """{"count":3,"batchSize":0}"""));
        Assert.Equal(
            "Plugin 'counter' (/plugins/counter.dll): init config does not conform to the plugin's schema at '/batchSize': 0 is less than the minimum 1",
            e.Message);
        var unknown = Assert.Throws<PluginException>(() => InitConfigValidator.Prepare(Counter, """{"cuont":3}"""));
        Assert.EndsWith("at '/cuont': property 'cuont' is not allowed", unknown.Message);
    }

    [Fact]
    public void A_config_that_is_not_json_is_refused()
    {
        var e = Assert.Throws<PluginException>(() => InitConfigValidator.Prepare(Counter, "count=3"));
        Assert.StartsWith("Plugin 'counter' (/plugins/counter.dll): init config is not valid JSON:", e.Message);
    }
}
