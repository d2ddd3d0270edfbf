using Falco.Actors.Plugins.Abstractions;
using static Falco.Actors.Plugins.Tests.Native.TestPlugins;

namespace Falco.Actors.Plugins.Tests.Native;

/// <summary>Plugins the loader must refuse (broken.c built with -D flags): the message says why and names the file.</summary>
public sealed class RefusedPluginTests
{
    [Theory]
    [InlineData("broken_major", "requires plugin API 4.0.0, whose major version 4 this host does not support")]
    [InlineData("broken_minor", "requires plugin API 3.99.0, which is not compatible with this host's 3.12.0")]
    [InlineData("broken_nodestroy", "is missing required symbols: plugin_destroy")]
    [InlineData("broken_noclose", "has an inconsistent event sourcing capability: it exports only some of plugin_open, plugin_close, plugin_next_batch (missing plugin_close)")]
    [InlineData("broken_idnosource", "has an inconsistent event sourcing capability: plugin_get_id returns 995 but plugin_get_event_source returns no source")]
    [InlineData("broken_syscall", "uses the reserved event source name 'syscall'")]
    [InlineData("broken_nocaps", "has no capability")]
    [InlineData("broken_badversion", "plugin_get_version returns 'one.two', which is not a valid x.y.z version")]
    [InlineData("broken_badfields", "get_fields: field #0 'broken.x' has unsupported type 'float'")]
    public void Is_refused_with_the_reason_and_the_file(string name, string reason)
    {
        var e = Assert.Throws<PluginException>(() => Load(name));
        Assert.Contains(reason, e.Message);
        Assert.Contains(PathOf(name), e.Message);
    }

    [Fact]
    public void A_missing_file_is_refused_by_name()
    {
        var path = PathOf("does_not_exist");
        var e = Assert.Throws<PluginException>(() => Falco.Actors.Plugins.Native.NativePluginLoader.Load(path));
        Assert.Equal($"plugin library '{path}' does not exist", e.Message);
    }

    [Fact]
    public void A_library_that_is_not_a_plugin_is_refused()
    {
        var libc = "/lib/x86_64-linux-gnu/libc.so.6";
        var e = Assert.Throws<PluginException>(() => Falco.Actors.Plugins.Native.NativePluginLoader.Load(libc));
        Assert.Contains("is not a Falco plugin: it does not export plugin_get_required_api_version", e.Message);
    }
}
