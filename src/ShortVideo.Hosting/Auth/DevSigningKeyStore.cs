using System.Security.Cryptography;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// The dev-mode signing key: 256 random bits generated once per data directory and kept in
/// <c>{DataDir}/keys/dev-signing.key</c> (base64 text, mode 0600), so that the node and <c>svctl token</c>
/// on the same data directory agree without any setup.
/// </summary>
internal static class DevSigningKeyStore
{
    public const string RelativePath = "keys/dev-signing.key";

    private const int KeyBytes = 32;

    public static string KeyPath(string dataDirectory) =>
        Path.Combine(Path.GetFullPath(dataDirectory), "keys", "dev-signing.key");

    /// <summary>Reads the key of <paramref name="dataDirectory"/>, creating it first if there is none.</summary>
    /// <remarks>
    /// Two processes starting at once on a fresh data directory must end with one key: each writes a
    /// complete key to its own temporary file and publishes it under the final name only if that name is
    /// free (<see cref="AtomicFile.TryPublish"/>). A reader never sees a half-written file because the
    /// final name only ever appears on a complete file.
    /// </remarks>
    public static byte[] LoadOrCreate(string dataDirectory)
    {
        var path = KeyPath(dataDirectory);
        if (File.Exists(path))
        {
            return Read(path);
        }

        CreateOwnerOnlyDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            WriteOwnerOnly(temporary, Convert.ToBase64String(key) + "\n");

            // The loser of a race discards its key and uses the winner's, so both processes agree.
            return AtomicFile.TryPublish(temporary, path) ? key : Read(path);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static void CreateOwnerOnlyDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            // The data directory is created with the usual mode first, so only "keys" is owner-only.
            Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(path, options);
        using var writer = new StreamWriter(stream);
        writer.Write(content);
        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    private static byte[] Read(string path)
    {
        var text = File.ReadAllText(path).Trim();
        var buffer = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, buffer, out var length) || length < AuthOptions.MinimumSigningKeyBytes)
        {
            throw new InvalidOperationException(
                $"The dev signing key {path} is damaged (expected base64 of {KeyBytes} bytes): delete it to generate a new one; tokens issued with the old key stop working.");
        }

        return buffer[..length];
    }
}
