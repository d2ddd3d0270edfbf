using Falco.Actors.Plugins.Managed;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Plugins.Json;

/// <summary>
/// The json plugin as a managed plugin: extraction only, for events of every source (it declares no source, so
/// payloads it does not understand simply give no values).
/// </summary>
public sealed class JsonPlugin : IManagedExtractorPlugin
{
    public string Name => JsonPluginIdentity.Name;

    public string Version => JsonPluginIdentity.Version;

    public string Description => JsonPluginIdentity.Description;

    public string Contact => JsonPluginIdentity.Contact;

    public string? InitSchema => JsonPluginIdentity.InitSchema;

    public IReadOnlyList<FieldInfo> Fields => JsonPluginFields.All;

    public IManagedPluginState Init(string initConfig) => new JsonPluginState();
}

/// <summary>
/// One owner's json plugin state. It reads through the owner thread's shared record cache, so a record the
/// cloudtrail plugin already parsed for this event is not parsed again.
/// </summary>
public sealed class JsonPluginState : IManagedExtractorState
{
    private readonly JsonExtractor _extractor = new();

    public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values) =>
        _extractor.Extract(evt, requests, values);

    public void Dispose()
    {
    }
}
