using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ShortVideo.Storage.FileSystem;

/// <summary>
/// open(2) with O_DIRECT and ftruncate(2): .NET's FileOptions has no way to bypass the page cache.
/// </summary>
internal static partial class DirectIo
{
    /// <summary>Offsets, lengths and buffer addresses of O_DIRECT transfers are multiples of this (covers 512 and 4096-byte sectors).</summary>
    public const int Alignment = 4096;

    private const int WriteOnly = 1;
    private const int CloseOnExec = 0x80000;

    /// <summary>Opens a file for O_DIRECT writes; null where the platform or the filesystem (some FUSE and network filesystems, tmpfs before Linux 6.6) refuses.</summary>
    public static SafeFileHandle? TryOpenForWrite(string path)
    {
        if (!OperatingSystem.IsLinux() || DirectFlag() is not { } direct)
        {
            return null;
        }

        var fd = Open(path, WriteOnly | CloseOnExec | direct, 0);
        return fd < 0 ? null : new SafeFileHandle(fd, ownsHandle: true);
    }

    public static void Truncate(SafeFileHandle handle, long length)
    {
        if (FTruncate(handle, length) != 0)
        {
            throw new IOException($"ftruncate failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    // O_DIRECT differs between architectures (asm-generic vs x86 and arm64 headers).
    private static int? DirectFlag() => RuntimeInformation.ProcessArchitecture switch
    {
        Architecture.X64 or Architecture.X86 => 0x4000,
        Architecture.Arm64 or Architecture.Arm => 0x10000,
        _ => null,
    };

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags, int mode);

    [LibraryImport("libc", EntryPoint = "ftruncate", SetLastError = true)]
    private static partial int FTruncate(SafeFileHandle fd, long length);
}
