using System.Runtime.InteropServices;

namespace Falco.Actors.Plugins.Files;

/// <summary>What kind of file system object a path names (the <c>S_IFMT</c> bits of its mode).</summary>
public enum FileKind
{
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Unknown,
}

/// <summary>
/// A path's kind, identity (device and inode), owner and permission bits as <c>stat</c>/<c>lstat</c> see them, without
/// opening it (opening a FIFO for reading blocks until a writer comes). .NET's <c>FileSystemInfo</c> has no inode nor
/// owner, so this calls libc's <c>statx</c> (Linux, glibc 2.28+), whose struct has one layout on every architecture.
/// Used by the cloudtrail plugin's directory walk and by the plugin library check.
/// </summary>
/// <param name="Mode">The permission bits (<c>mode &amp; 07777</c>).</param>
public readonly record struct FileStatus(FileKind Kind, ulong Device, ulong Inode, uint Uid, uint Mode)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxBasicStats = 0x7ff;
    // struct statx is 256 bytes: stx_uid (u32) at 20, stx_mode (u16) at 28, stx_ino at 32, stx_dev_major/minor (u32)
    // at 136/140.
    private const int StatxSize = 256;

    public const int ENOENT = 2;
    public const int EACCES = 13;
    public const int ENOTDIR = 20;
    public const int ELOOP = 40;

    /// <summary>
    /// The status of <paramref name="path"/>, following symbolic links unless <paramref name="followLinks"/> is false;
    /// on failure, <paramref name="errno"/> says why (<see cref="ENOENT"/>, <see cref="ELOOP"/>, <see cref="EACCES"/>…).
    /// </summary>
    /// <exception cref="EntryPointNotFoundException">The C library has no <c>statx</c> (before glibc 2.28).</exception>
    public static unsafe bool TryGet(string path, bool followLinks, out FileStatus status, out int errno)
    {
        var buffer = stackalloc byte[StatxSize];
        if (Statx(AtFdCwd, path, followLinks ? 0 : AtSymlinkNoFollow, StatxBasicStats, buffer) != 0)
        {
            errno = Marshal.GetLastPInvokeError();
            status = default;
            return false;
        }
        var uid = *(uint*)(buffer + 20);
        var mode = *(ushort*)(buffer + 28);
        var inode = *(ulong*)(buffer + 32);
        var device = ((ulong)*(uint*)(buffer + 136) << 32) | *(uint*)(buffer + 140);
        status = new FileStatus(KindOf(mode), device, inode, uid, (uint)mode & 0xFFF);
        errno = 0;
        return true;
    }

    /// <summary>The text of an errno value (strerror), for reports.</summary>
    public static string Describe(int errno) => Marshal.GetPInvokeErrorMessage(errno);

    private static FileKind KindOf(ushort mode) => (mode & 0xF000) switch
    {
        0x8000 => FileKind.Regular,
        0x4000 => FileKind.Directory,
        0xA000 => FileKind.SymbolicLink,
        0x1000 => FileKind.Fifo,
        0xC000 => FileKind.Socket,
        0x2000 => FileKind.CharacterDevice,
        0x6000 => FileKind.BlockDevice,
        _ => FileKind.Unknown,
    };

    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    private static extern unsafe int Statx(int dirfd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mask, byte* buffer);
}
