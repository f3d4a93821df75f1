using System.Runtime.InteropServices;

namespace ShortVideo.Hosting.Auth;

/// <summary>Publishes a fully written file under its final name unless another process got there first.</summary>
internal static partial class AtomicFile
{
    private const int EEXIST = 17; // same value on Linux and macOS

    /// <summary>
    /// Gives <paramref name="source"/> the name <paramref name="destination"/> if no file has that name;
    /// returns false, leaving the existing file alone, if one has.
    /// </summary>
    /// <remarks>
    /// File.Move without overwrite is not enough on Unix: .NET checks that the destination is absent and
    /// then calls rename(2), which replaces a file created between the two steps (the concurrent-start
    /// test catches this in most runs). link(2) fails with EEXIST atomically, so it is the primitive here;
    /// the source name is removed by the caller. Windows' MoveFileEx without REPLACE_EXISTING is atomic.
    /// </remarks>
    public static bool TryPublish(string source, string destination)
    {
        if (OperatingSystem.IsWindows())
        {
            try
            {
                File.Move(source, destination, overwrite: false);
                return true;
            }
            catch (IOException) when (File.Exists(destination))
            {
                return false;
            }
        }

        if (Link(source, destination) == 0)
        {
            return true;
        }

        var errno = Marshal.GetLastPInvokeError();
        if (errno == EEXIST)
        {
            return false;
        }

        throw new IOException($"Cannot create {destination}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Link(string oldPath, string newPath);
}
