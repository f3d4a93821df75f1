using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ShortVideo.Feeds;

/// <summary>
/// The secret that MACs the cursors of every list (<see cref="Paging.ListCursors"/>): <see cref="FeedOptions.CursorKey"/> when set (the same value on
/// every node of a cluster), else 32 random bytes in DataDir/feed/cursor.key, created on first use (owner-only on Unix),
/// so cursors stay valid across restarts of the node and of every node on the same data directory.
/// </summary>
internal sealed class FeedCursorKey
{
    private const int Length = 32;
    private readonly byte[] _key;

    public FeedCursorKey(byte[] key)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(key.Length, Length);
        _key = key;
    }

    public ReadOnlySpan<byte> Bytes => _key;

    /// <summary>The configured key, else the data directory's.</summary>
    public static FeedCursorKey From(IOptions<FeedOptions> options, IOptions<DataDirectoryOptions> dataDirectory) =>
        string.IsNullOrEmpty(options.Value.CursorKey) ? FromDataDirectory(dataDirectory) : new FeedCursorKey(Convert.FromBase64String(options.Value.CursorKey));

    public static FeedCursorKey FromDataDirectory(IOptions<DataDirectoryOptions> dataDirectory)
    {
        var path = Path.Combine(dataDirectory.Value.FullPath, "feed", "cursor.key");
        if (File.Exists(path) && File.ReadAllBytes(path) is { Length: >= Length } existing)
        {
            return new FeedCursorKey(existing);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = RandomNumberGenerator.GetBytes(Length);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(temporary, options))
        {
            file.Write(key);
            file.Flush(flushToDisk: true);
        }

        // Two nodes starting at once: the first rename wins, and both read what won.
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
        }

        return new FeedCursorKey(File.ReadAllBytes(path));
    }
}
