using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace ShortVideo.Feeds;

/// <summary>
/// The secret that signs feed cursors: <see cref="FeedOptions.CursorKey"/> when nodes must share it, else 256 random
/// bits generated once per data directory in <c>{DataDir}/keys/feed-cursor.key</c> (mode 0600). Rotating it only
/// sends clients holding an old cursor back to the first page.
/// </summary>
internal sealed class FeedCursorKey
{
    public const string RelativePath = "keys/feed-cursor.key";

    private readonly Lazy<byte[]> _key;

    public FeedCursorKey(IOptions<FeedOptions> options, IOptions<DataDirectoryOptions> dataDirectory)
    {
        var configured = options.Value.CursorKey;
        var path = Path.Combine(dataDirectory.Value.FullPath, RelativePath);
        _key = new Lazy<byte[]>(() => string.IsNullOrEmpty(configured) ? LoadOrCreate(path) : Convert.FromBase64String(configured));
    }

    public byte[] Value => _key.Value;

    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Environment.ProcessId + "." + Environment.CurrentManagedThreadId + ".tmp";
            File.WriteAllText(temporary, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            // Two processes creating it at once: the first rename wins and both read the winner's key.
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary);
            }
        }

        var key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        return key.Length >= 32
            ? key
            : throw new InvalidDataException($"{path} does not hold a feed cursor key (32 random bytes in base64): delete it and a new one is made.");
    }
}
