using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Falco.Actors.Plugins.Native;

/// <summary>
/// The host side of one plugin state, handed to the plugin as its opaque <c>ss_plugin_owner_t*</c> (a GCHandle).
/// It answers get_owner_last_error and routes log_fn to the logger. It lives until after the state's destroy,
/// because plugins may log from destroy.
/// </summary>
internal sealed unsafe class PluginOwner : IDisposable
{
    private GCHandle _self;
    private byte* _lastError;

    public PluginOwner(string pluginName, PluginLogger? logger)
    {
        PluginName = pluginName;
        Logger = logger;
        _self = GCHandle.Alloc(this);
    }

    public string PluginName { get; }
    public PluginLogger? Logger { get; }
    public nint Handle => GCHandle.ToIntPtr(_self);

    /// <summary>The host's last error for this owner, or NULL when there is none.</summary>
    public byte* LastError => _lastError;

    /// <summary>Records a host-side error the plugin can read through get_owner_last_error (null clears it).</summary>
    public void SetLastError(string? message)
    {
        if (_lastError != null)
        {
            NativeText.Free(_lastError);
            _lastError = null;
        }
        if (message is not null)
        {
            _lastError = NativeText.Alloc(message);
        }
    }

    public static PluginOwner? FromHandle(nint handle) =>
        handle == 0 ? null : GCHandle.FromIntPtr(handle).Target as PluginOwner;

    public void Dispose()
    {
        SetLastError(null);
        if (_self.IsAllocated)
        {
            _self.Free();
        }
    }
}

/// <summary>The callbacks the host gives 3.x plugins (plugin-api §3.7), as cdecl entry points.</summary>
internal static unsafe class HostCallbacks
{
    public static nint GetOwnerLastErrorPointer =>
        (nint)(delegate* unmanaged[Cdecl]<nint, byte*>)&GetOwnerLastError;

    public static nint LogPointer =>
        (nint)(delegate* unmanaged[Cdecl]<nint, byte*, byte*, int, void>)&Log;

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static byte* GetOwnerLastError(nint owner)
    {
        try
        {
            return PluginOwner.FromHandle(owner) is { } o ? o.LastError : null;
        }
        catch
        {
            return null;
        }
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Log(nint owner, byte* component, byte* message, int severity)
    {
        // An exception must never unwind into plugin code.
        try
        {
            if (PluginOwner.FromHandle(owner) is { Logger: { } logger } o)
            {
                logger((PluginLogSeverity)severity, NativeText.Read(component) ?? o.PluginName, NativeText.Read(message) ?? "");
            }
        }
        catch
        {
        }
    }
}
