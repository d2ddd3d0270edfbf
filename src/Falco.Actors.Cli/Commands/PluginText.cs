using System.Text;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Cli.Commands;

/// <summary>Falco's description block of a plugin (<c>--list-plugins</c>, <c>--plugin-info</c>).</summary>
public static class PluginText
{
    public static string Describe(PluginInfo info)
    {
        var s = new StringBuilder();
        s.Append("Name: ").Append(info.Name).Append('\n');
        s.Append("Description: ").Append(info.Description).Append('\n');
        s.Append("Contact: ").Append(info.Contact).Append('\n');
        s.Append("Version: ").Append(info.Version).Append('\n');
        s.Append("Capabilities: \n");
        if (info.Has(PluginCapabilities.Sourcing))
        {
            s.Append("  - Event Sourcing");
            s.Append(info.EventSource is { } source ? $" (ID={info.Id}, source='{source}')" : " (system events)");
            s.Append('\n');
        }
        if (info.Has(PluginCapabilities.Extraction))
        {
            s.Append("  - Field Extraction\n");
        }
        if (info.Has(PluginCapabilities.Parsing))
        {
            s.Append("  - Event Parsing\n");
        }
        if (info.Has(PluginCapabilities.Async))
        {
            s.Append("  - Async Events\n");
        }
        return s.ToString();
    }
}
