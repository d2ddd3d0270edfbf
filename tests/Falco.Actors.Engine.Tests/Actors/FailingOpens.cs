using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Plugins.Events;
using Falco.Actors.Plugins.Native;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Engine.Tests.Actors;

/// <summary>
/// A real plugin (native or managed) whose first <paramref name="failingSessions"/> opened sessions fail (as a broken stream
/// does: next_batch throws <see cref="PluginException"/>) once they have produced <paramref name="failAfter"/>
/// events; later sessions run normally. The plugin's own calls are untouched, and a session that can name its
/// position (<see cref="IResumableSession"/>) still does.
/// </summary>
internal sealed class FailingOpens(IPlugin inner, int failingSessions, int failAfter) : IPlugin
{
    private int _opened;

    private int FailingSessions { get; } = failingSessions;

    private int FailAfter { get; } = failAfter;

    public static Func<string, PluginLogger?, IPlugin> Loader(int failingSessions, int failAfter) =>
        (path, log) => new FailingOpens(NativePluginLoader.Load(path, log), failingSessions, failAfter);

    public static Func<string, string, IPlugin> ManagedLoader(int failingSessions, int failAfter) =>
        (path, name) => new FailingOpens(Falco.Actors.Plugins.Managed.ManagedPluginLoader.Load(path, name), failingSessions, failAfter);

    public PluginInfo Info => inner.Info;

    public int Opened => Volatile.Read(ref _opened);

    public IPluginInstance CreateInstance(string initConfig) => new Instance(this, inner.CreateInstance(initConfig));

    private sealed class Instance(FailingOpens plugin, IPluginInstance inner) : IPluginInstance
    {
        public PluginInfo Info => inner.Info;

        public IFieldExtractor? Extractor => inner.Extractor;

        public IReadOnlyList<OpenParam> ListOpenParams() => inner.ListOpenParams();

        public string EventToString(in PluginEvent evt) => inner.EventToString(evt);

        public IPluginSession Open(string parameters)
        {
            var session = inner.Open(parameters);
            var n = Interlocked.Increment(ref plugin._opened);
            return n <= plugin.FailingSessions ? new Session(session, plugin.FailAfter) : session;
        }

        public void Dispose() => inner.Dispose();
    }

    private sealed class Session(IPluginSession inner, int failAfter) : IPluginSession, IResumableSession
    {
        private int _produced;

        public PluginProgress? Progress => inner.Progress;

        public BatchStatus NextBatch(EventBatch batch)
        {
            if (_produced >= failAfter)
            {
                throw new PluginException($"test: the stream broke after {failAfter} events");
            }
            var before = batch.Count;
            var status = inner.NextBatch(batch);
            _produced += batch.Count - before;
            return status;
        }

        public string? PositionAfter(ulong eventNumber) => (inner as IResumableSession)?.PositionAfter(eventNumber);

        public ulong ResumeAfter(ulong eventNumber, string position) =>
            (inner as IResumableSession)?.ResumeAfter(eventNumber, position) ?? 0;

        public void Dispose() => inner.Dispose();
    }
}
