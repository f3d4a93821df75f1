using System.Security.Cryptography;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// The dev-mode signing keys: 256 random bits generated once per data directory and kept in
/// <c>{DataDir}/keys/dev-signing.key</c> (base64 text, mode 0600), so that the node and <c>svctl token</c>
/// on the same data directory agree without any setup; <c>svctl key rotate</c> adds generations beside it
/// (<see cref="Rotate"/>).
/// </summary>
internal static partial class DevSigningKeyStore
{
    public const string RelativePath = "keys/dev-signing.key";

    private const int KeyBytes = 32;

    public static string KeysDirectory(string dataDirectory) => Path.Combine(Path.GetFullPath(dataDirectory), "keys");

    public static string KeyPath(string dataDirectory) => Path.Combine(KeysDirectory(dataDirectory), "dev-signing.key");

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

        OwnerOnlyFiles.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        try
        {
            OwnerOnlyFiles.WriteNew(temporary, Convert.ToBase64String(key) + "\n");

            // The loser of a race discards its key and uses the winner's, so both processes agree.
            return AtomicFile.TryPublish(temporary, path) ? key : Read(path);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static byte[] Read(string path) => Decode(File.ReadAllText(path), path);

    private static byte[] Decode(string? base64, string path)
    {
        if (!SigningKeys.TryDecode(base64, out var key) || key.Length < AuthOptions.MinimumSigningKeyBytes)
        {
            throw new InvalidOperationException(
                $"The dev signing key {path} is damaged (expected base64 of {KeyBytes} bytes): delete it to generate a new one; tokens issued with the old key stop working.");
        }

        return key;
    }
}
