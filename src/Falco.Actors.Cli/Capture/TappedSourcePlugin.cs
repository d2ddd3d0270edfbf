using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Cli.Capture;

/// <summary>
/// A source plugin whose sessions the CLI decides: every state is the real plugin's (init, extraction,
/// event_to_string), only <c>Open</c> goes through <paramref name="open"/>, which may replay a capture instead or
/// wrap the real session (recording, progress).
/// </summary>
public sealed class TappedSourcePlugin(IPlugin inner, Func<IPluginInstance, string, IPluginSession> open) : IPlugin
{
    public PluginInfo Info => inner.Info;

    public IPluginInstance CreateInstance(string initConfig) => new Instance(inner.CreateInstance(initConfig), open);

    private sealed class Instance(IPluginInstance inner, Func<IPluginInstance, string, IPluginSession> open) : IPluginInstance
    {
        public PluginInfo Info => inner.Info;

        public IFieldExtractor? Extractor => inner.Extractor;

        public IReadOnlyList<OpenParam> ListOpenParams() => inner.ListOpenParams();

        public IPluginSession Open(string parameters) => open(inner, parameters);

        public string EventToString(in PluginEvent evt) => inner.EventToString(evt);

        public IReadOnlyList<PluginMetric> GetMetrics() => inner.GetMetrics();

        public void Dispose() => inner.Dispose();
    }
}
