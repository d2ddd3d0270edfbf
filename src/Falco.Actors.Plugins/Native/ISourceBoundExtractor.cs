namespace Falco.Actors.Plugins.Native;

/// <summary>
/// An extractor that tells the plugin which event source its events come from (3.x <c>evtsrc</c>). Events carry
/// only a plugin id, so the owner, which knows the source it evaluates, binds it once. Unbound, the source is the
/// plugin's own source, or its only declared extract source, or "" when neither is known.
/// </summary>
public interface ISourceBoundExtractor
{
    void BindEventSource(string source);
}
