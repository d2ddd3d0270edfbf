using System.Runtime.InteropServices;
using Falco.Actors.Plugins.Abstractions;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// plugin_get_metrics (API 3.5+): reads the plugin's <c>ss_plugin_metric</c> array (32 bytes each: name @0, metric
/// type @8, value @16, value type @24). A plugin built for 3.5.x numbers both enums from 1 (fixed to 0 in 3.6.0), so
/// its values are shifted back. A metric with a type or value type this host does not know is left out.
/// </summary>
internal static unsafe class NativeMetrics
{
    private static readonly ApiVersion First = new(3, 5, 0);

    [StructLayout(LayoutKind.Explicit, Size = 32)]
    private struct Metric
    {
        [FieldOffset(0)] public byte* Name;
        [FieldOffset(8)] public uint Type;
        [FieldOffset(16)] public ulong Value;
        [FieldOffset(24)] public uint ValueType;
    }

    /// <summary>Whether a plugin of this required API version may export metrics, and from which enum value they count.</summary>
    public static bool Supported(PluginInfo info, out uint enumBase)
    {
        enumBase = 0;
        if (!ApiVersion.TryParse(info.RequiredApiVersion, out var required) || required.Major != 3
            || required.Minor < First.Minor)
        {
            return false;
        }
        enumBase = required.Minor == First.Minor ? 1u : 0u;
        return true;
    }

    public static IReadOnlyList<PluginMetric> Read(nint symbol, nint state, uint enumBase)
    {
        uint count = 0;
        var metrics = ((delegate* unmanaged[Cdecl]<nint, uint*, Metric*>)symbol)(state, &count);
        if (metrics == null || count == 0)
        {
            return [];
        }
        var result = new List<PluginMetric>((int)Math.Min(count, 1024));
        for (var i = 0; i < count; i++)
        {
            var m = metrics[i];
            if (m.Name == null || !TryValue(m.Value, m.ValueType - enumBase, out var value))
            {
                continue;
            }
            var type = (m.Type - enumBase) switch
            {
                0 => PluginMetricType.Monotonic,
                1 => PluginMetricType.NonMonotonic,
                _ => (PluginMetricType?)null,
            };
            if (type is { } t)
            {
                result.Add(new PluginMetric(NativeText.Read(m.Name) ?? "", t, value));
            }
        }
        return result;
    }

    private static bool TryValue(ulong bits, uint valueType, out double value)
    {
        value = valueType switch
        {
            0 => (uint)bits,                                    // U32
            1 => (int)(uint)bits,                               // S32
            2 => bits,                                          // U64
            3 => (long)bits,                                    // S64
            4 => BitConverter.UInt64BitsToDouble(bits),         // D
            5 => BitConverter.Int32BitsToSingle((int)(uint)bits), // F
            6 => (int)(uint)bits,                               // I (int)
            _ => double.NaN,
        };
        return valueType <= 6;
    }
}
