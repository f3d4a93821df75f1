using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace ShortVideo.Hosting.Auth;

/// <summary>
/// Rotation of the dev key: generation 0 is <c>dev-signing.key</c>; each <c>svctl key rotate</c> publishes
/// generation n as <c>dev-signing.{n}.key</c>, a JSON file holding the new key and the instant at which the
/// keys before it retire (the end of the overlap window). Files are never changed once published, so the
/// list of their names is all a node has to watch.
/// </summary>
internal static partial class DevSigningKeyStore
{
    private const string GenerationPattern = "dev-signing.*.key";

    /// <summary>Names of the key files, sorted: equal lists mean equal rings, which is how a node polls cheaply.</summary>
    public static string[] ListKeyFiles(string dataDirectory)
    {
        var directory = KeysDirectory(dataDirectory);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var names = Directory.GetFiles(directory, "dev-signing*.key");
        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>Every dev key of <paramref name="dataDirectory"/>, creating generation 0 if there is none.</summary>
    public static SigningKeyRing LoadRing(string dataDirectory)
    {
        var first = LoadOrCreate(dataDirectory);
        var generations = ReadGenerations(dataDirectory);
        var entries = new List<SigningKeyEntry>(generations.Count + 1);
        var key = first;
        foreach (var generation in generations)
        {
            // A key retires when the next generation's overlap ends.
            entries.Add(new SigningKeyEntry(SigningKeys.SecurityKey(key), generation.PreviousRetiresAt));
            key = generation.Key;
        }

        entries.Add(new SigningKeyEntry(SigningKeys.SecurityKey(key), RetiresAt: null));
        return new SigningKeyRing(entries);
    }

    /// <summary>
    /// Publishes a new current key; the keys before it retire at <paramref name="now"/> + <paramref name="overlap"/>.
    /// </summary>
    /// <remarks>
    /// Concurrent rotations must not lose a key that a caller was told about: each publishes its file under the
    /// next free generation with <see cref="AtomicFile.TryPublish"/>, and a loser takes the generation after.
    /// </remarks>
    public static SigningKeyRotation Rotate(string dataDirectory, TimeSpan overlap, DateTimeOffset now)
    {
        LoadOrCreate(dataDirectory); // there is always a key to rotate from
        var directory = KeysDirectory(dataDirectory);
        var temporary = Path.Combine(directory, $"rotate.{Guid.NewGuid():N}.tmp");
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        var retiresAt = now + overlap;
        try
        {
            OwnerOnlyFiles.WriteNew(temporary, Serialize(key, now, retiresAt));
            while (!AtomicFile.TryPublish(temporary, GenerationPath(directory, ReadGenerationNumbers(directory).DefaultIfEmpty(0).Max() + 1)))
            {
                // Another rotation took that generation: this key becomes the one after it.
            }
        }
        finally
        {
            File.Delete(temporary);
        }

        // The key before ours is the one our file retires, whatever other rotations did meanwhile.
        var keyId = SigningKeys.KeyId(key);
        var keys = LoadRing(dataDirectory).Keys;
        var index = keys.Select(static (entry, i) => (entry, i)).First(pair => pair.entry.Id == keyId).i;
        return new SigningKeyRotation(keyId, keys[index - 1].Id, retiresAt);
    }

    private sealed record Generation(int Number, byte[] Key, DateTimeOffset PreviousRetiresAt);

    private static List<Generation> ReadGenerations(string dataDirectory)
    {
        var directory = KeysDirectory(dataDirectory);
        var generations = new List<Generation>();
        foreach (var number in ReadGenerationNumbers(directory).Order())
        {
            generations.Add(ReadGeneration(GenerationPath(directory, number), number));
        }

        return generations;
    }

    private static IEnumerable<int> ReadGenerationNumbers(string directory)
    {
        foreach (var path in Directory.EnumerateFiles(directory, GenerationPattern))
        {
            // "dev-signing.{n}.key"; anything else that matches the pattern is not ours.
            var name = Path.GetFileName(path);
            var middle = name["dev-signing.".Length..^".key".Length];
            if (int.TryParse(middle, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0)
            {
                yield return number;
            }
        }
    }

    private static string GenerationPath(string directory, int number) =>
        Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"dev-signing.{number}.key"));

    private static string Serialize(byte[] key, DateTimeOffset createdAt, DateTimeOffset previousRetiresAt)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("key", Convert.ToBase64String(key));
            json.WriteString("createdAt", createdAt.ToUniversalTime());
            json.WriteString("previousKeysRetireAt", previousRetiresAt.ToUniversalTime());
            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static Generation ReadGeneration(string path, int number)
    {
        string? key;
        DateTimeOffset retiresAt;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            key = root.GetProperty("key").GetString();
            retiresAt = root.GetProperty("previousKeysRetireAt").GetDateTimeOffset();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            throw new InvalidOperationException(
                $"The dev signing key {path} is damaged (expected the JSON that 'svctl key rotate' writes): delete it and rotate again; tokens issued with it stop working.",
                e);
        }

        return new Generation(number, Decode(key, path), retiresAt);
    }
}
