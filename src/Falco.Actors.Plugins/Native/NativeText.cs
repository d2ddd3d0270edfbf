using System.Runtime.InteropServices;
using System.Text;

namespace Falco.Actors.Plugins.Native;

/// <summary>UTF-8, NUL-terminated strings between the host and plugin memory.</summary>
internal static unsafe class NativeText
{
    /// <summary>Copies a plugin string (null for a NULL pointer).</summary>
    public static string? Read(byte* text) => text == null ? null : Marshal.PtrToStringUTF8((nint)text);

    public static string? Read(nint text) => Read((byte*)text);

    /// <summary>Allocates a NUL-terminated UTF-8 copy in native memory; release it with <see cref="Free"/>.</summary>
    public static byte* Alloc(string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        var p = (byte*)NativeMemory.Alloc((nuint)length + 1);
        Encoding.UTF8.GetBytes(text, new Span<byte>(p, length));
        p[length] = 0;
        return p;
    }

    public static void Free(byte* text) => NativeMemory.Free(text);

    /// <summary>The length of a NUL-terminated plugin string.</summary>
    public static int Length(byte* text) => text == null ? 0 : MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text).Length;
}
