using Falco.Actors.Plugins.Abstractions;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Isolation;

/// <summary>
/// A plugin state held by a plugin-host process (<see cref="IsolatedSourcePlugin"/>). Disposing closes an open
/// stream, destroys the state and ends the process. It sources only: extraction and event_to_string are the
/// in-process states' (the evaluators'), so it has no extractor.
/// </summary>
internal sealed class IsolatedInstance(PluginInfo info, PluginHostProcess host, int batchEvents) : IPluginInstance
{
    private IsolatedSession? _session;
    private bool _disposed;

    public PluginInfo Info => info;

    public IFieldExtractor? Extractor => null;

    public IReadOnlyList<OpenParam> ListOpenParams() =>
        throw new NotSupportedException($"plugin '{info.Name}' runs isolated: list its open params with an in-process state");

    public string EventToString(in PluginEvent evt) =>
        throw new NotSupportedException($"plugin '{info.Name}' runs isolated: event_to_string is called on in-process states");

    public IPluginSession Open(string parameters)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_session is not null)
        {
            throw new PluginException($"plugin '{info.Name}': a stream is already open on this state; close it first");
        }
        host.Request.Begin(HostMessage.Open);
        host.Request.WriteString(parameters ?? "");
        host.Expect(host.Call("open"), HostMessage.Done, "open");
        _session = new IsolatedSession(host, batchEvents, () => _session = null);
        return _session;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        _session?.Dispose();
        try
        {
            if (host.Alive)
            {
                host.Request.Begin(HostMessage.Destroy);
                host.Expect(host.Call("destroy"), HostMessage.Done, "destroy");
            }
        }
        catch (PluginException)
        {
            // A state that cannot be destroyed dies with its process.
        }
        finally
        {
            host.Dispose();
        }
    }
}
