using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// {DataDir}/shortvideo.db.lock, held for as long as a node uses the metadata database: shared by every node on the
/// data directory (an api node and a media node may share one), exclusive while svctl restore replaces the database.
/// An flock(2) on an open file: the kernel drops it when the process exits, kill -9 included, so a crashed node never
/// leaves a stale lock behind (a pid file would). Where flock is not available (Windows) the file's share mode does
/// the same.
/// </summary>
internal sealed partial class DataDirectoryLock : IDisposable
{
    public const string FileName = SqliteMetadataFile.FileName + ".lock";

    private const int LockShared = 1;
    private const int LockExclusive = 2;
    private const int NonBlocking = 4;

    private readonly SafeFileHandle _handle;

    private DataDirectoryLock(SafeFileHandle handle) => _handle = handle;

    /// <summary>Takes the lock, or returns null when another process holds it in a conflicting mode.</summary>
    /// <exception cref="IOException">The lock file cannot be created or locked for another reason.</exception>
    public static DataDirectoryLock? TryAcquire(string directory, bool exclusive)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        SafeFileHandle handle;
        try
        {
            // On Unix .NET itself tries LOCK_SH for any share mode but None, and gives up with an IOException when a
            // restore holds LOCK_EX; the explicit flock below is what counts (and still works when
            // DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns .NET's advisory locking off).
            var windowsShare = exclusive ? FileShare.None : FileShare.ReadWrite | FileShare.Delete;
            handle = File.OpenHandle(
                path,
                FileMode.OpenOrCreate,
                OperatingSystem.IsWindows() && exclusive ? FileAccess.ReadWrite : FileAccess.Read,
                OperatingSystem.IsWindows() ? windowsShare : FileShare.ReadWrite | FileShare.Delete);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Opening an existing file for reading fails with an IOException (not UnauthorizedAccessException) when
            // the lock is held: .NET's own LOCK_SH attempt, or a sharing violation on Windows.
            return null;
        }

        if (OperatingSystem.IsWindows())
        {
            return new DataDirectoryLock(handle);
        }

        if (Flock(handle, (exclusive ? LockExclusive : LockShared) | NonBlocking) == 0)
        {
            return new DataDirectoryLock(handle);
        }

        var errno = Marshal.GetLastPInvokeError();
        handle.Dispose();
        if (errno == WouldBlock())
        {
            return null;
        }

        if (!exclusive)
        {
            // A filesystem without flock (some network filesystems): a node still starts; only restore insists.
            return new DataDirectoryLock(File.OpenHandle(path, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
        }

        throw new IOException($"{path} cannot be locked (flock failed with errno {errno}); the filesystem may not support locks.");
    }

    public void Dispose() => _handle.Dispose();

    private static int WouldBlock() => OperatingSystem.IsLinux() ? 11 : 35; // EWOULDBLOCK: Linux 11, BSD/macOS 35

    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    private static partial int Flock(SafeFileHandle fd, int operation);
}
