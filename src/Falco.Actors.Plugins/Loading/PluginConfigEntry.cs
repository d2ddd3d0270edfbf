namespace Falco.Actors.Plugins.Loading;

/// <summary>
/// One entry of falco.yaml's <c>plugins</c> list. <see cref="InitConfig"/> is the text given to init: a string as
/// written, or a YAML map already serialised to JSON; null/absent means empty. <see cref="OpenParams"/> is trimmed by
/// the reader (source plugins only).
/// </summary>
public sealed record PluginConfigEntry(string Name, string LibraryPath, string? InitConfig = null, string? OpenParams = null);
