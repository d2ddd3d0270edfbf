using Falco.Actors.Plugins.Loading;
using Falco.Actors.Rules.Events;
using Falco.Actors.Rules.Fields;

namespace Falco.Actors.Engine.Monitoring;

/// <summary>
/// An owner's extractors (<see cref="SourceFields.CreateExtractors"/>) with every plugin call marked in the owner's
/// <see cref="PluginCallSlot"/>: init while they are created, extract_fields around each extraction, destroy when
/// they are disposed. The wrapper of an extraction adds two writes and an interface call, and allocates nothing.
/// </summary>
public static class WatchedExtractors
{
    /// <summary>Creates (init) the extractors of <paramref name="fields"/> for one owner, bound to its event source.</summary>
    public static OwnerExtractors Create(SourceFields fields, PluginCallSlot slot, string? hostname = null)
    {
        slot.Enter(new PluginCallSite(string.Join(", ", fields.Extractors.Select(p => p.Name)), PluginCall.Init));
        OwnerExtractors extractors;
        try
        {
            extractors = fields.CreateExtractors(hostname).BindEventSource(fields.Source);
        }
        finally
        {
            slot.Exit();
        }
        var watched = new IFieldExtractor[extractors.Extractors.Count];
        for (var i = 0; i < watched.Length; i++)
        {
            watched[i] = fields.PluginAt(i) is { } plugin
                ? new WatchedExtractor(extractors.Extractors[i], slot, new PluginCallSite(plugin.Name, PluginCall.Extract))
                : extractors.Extractors[i];
        }
        return new OwnerExtractors(watched, extractors.Instances);
    }

    /// <summary>Disposes (destroy) <paramref name="extractors"/> with the call marked.</summary>
    public static void Destroy(OwnerExtractors extractors, PluginCallSlot slot)
    {
        slot.Enter(new PluginCallSite(string.Join(", ", extractors.Instances.Select(i => i.Info.Name).Distinct()), PluginCall.Destroy));
        try
        {
            extractors.Dispose();
        }
        finally
        {
            slot.Exit();
        }
    }

    private sealed class WatchedExtractor(IFieldExtractor inner, PluginCallSlot slot, PluginCallSite site) : IFieldExtractor
    {
        public void Extract(in PluginEvent evt, ReadOnlySpan<FieldRequest> requests, FieldValues values)
        {
            slot.Enter(site);
            try
            {
                inner.Extract(in evt, requests, values);
            }
            finally
            {
                slot.Exit();
            }
        }
    }
}
