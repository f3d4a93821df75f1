using System.Globalization;
using System.Text;
using ShortVideo.Ranking.Embeddings;
using ShortVideo.Ranking.Popularity;

namespace ShortVideo.Ranking.Learning;

/// <summary>
/// Everything the learner knows, on disk: the four embedding tables (their own checksummed snapshots), the
/// hashtag ids their rows are keyed by, watch histories and popularity counts.
/// </summary>
/// <remarks>
/// A snapshot is a generation directory written whole, then named in <c>CURRENT</c> by an atomic rename, so a
/// crash mid-save leaves the previous generation in force and files of two generations are never mixed.
/// Older generations are deleted after the switch. Optimizer state is not saved: after a restart Adagrad
/// starts its step sizes afresh, which only makes the first steps larger.
/// </remarks>
internal static class ModelSnapshot
{
    private const string CurrentFile = "CURRENT";
    private const string StateFile = "state.bin";
    private static readonly string[] TableFiles = ["users.emb", "videos.emb", "creators.emb", "hashtags.emb"];
    private static readonly byte[] Magic = "SVRKST01"u8.ToArray();
    private static readonly byte[] Trailer = "SVRKEND1"u8.ToArray();

    public static async Task SaveAsync(string directory, TwoTowerModel model, PopularityCounter popularity, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var name = string.Create(CultureInfo.InvariantCulture, $"generation-{DateTime.UtcNow.Ticks:D19}-{Guid.NewGuid():N}");
        var generation = Path.Combine(directory, name);
        Directory.CreateDirectory(generation);
        try
        {
            var tables = model.Tables;
            for (var i = 0; i < tables.Length; i++)
            {
                await tables[i].SaveToFileAsync(Path.Combine(generation, TableFiles[i]), cancellationToken).ConfigureAwait(false);
            }

            WriteState(Path.Combine(generation, StateFile), model, popularity);
            var temp = Path.Combine(directory, $".{CurrentFile}.{Guid.NewGuid():N}.tmp");
            await File.WriteAllTextAsync(temp, name, cancellationToken).ConfigureAwait(false);
            File.Move(temp, Path.Combine(directory, CurrentFile), overwrite: true);
        }
        catch
        {
            Directory.Delete(generation, recursive: true);
            throw;
        }

        foreach (var old in Directory.EnumerateDirectories(directory, "generation-*"))
        {
            if (!string.Equals(Path.GetFileName(old), name, StringComparison.Ordinal))
            {
                Directory.Delete(old, recursive: true);
            }
        }
    }

    /// <summary>
    /// Reads the current generation, or returns null when <paramref name="directory"/> holds no snapshot. A
    /// damaged snapshot, or one of another dimension or storage, throws <see cref="InvalidDataException"/>.
    /// </summary>
    public static async Task<Loaded?> LoadAsync(string directory, EmbeddingTableOptions[] options, TimeProvider time, CancellationToken cancellationToken)
    {
        var current = Path.Combine(directory, CurrentFile);
        if (!File.Exists(current))
        {
            return null;
        }

        var name = (await File.ReadAllTextAsync(current, cancellationToken).ConfigureAwait(false)).Trim();
        var generation = Path.Combine(directory, name);
        if (name.Length == 0 || name.Contains('/', StringComparison.Ordinal) || !Directory.Exists(generation))
        {
            throw new InvalidDataException($"The ranking snapshot in {directory} names generation '{name}', which is not there. Nothing was loaded.");
        }

        var tables = new EmbeddingTable[TableFiles.Length];
        for (var i = 0; i < tables.Length; i++)
        {
            tables[i] = await EmbeddingTable.LoadFromFileAsync(Path.Combine(generation, TableFiles[i]), options[i], time, cancellationToken).ConfigureAwait(false);
        }

        return ReadState(Path.Combine(generation, StateFile), tables);
    }

    private static void WriteState(string path, TwoTowerModel model, PopularityCounter popularity)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using (var writer = new BinaryWriter(file, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            var tags = model.HashtagIds.ToArray();
            writer.Write(tags.Length);
            foreach (var (tag, id) in tags)
            {
                writer.Write(tag);
                writer.Write(id);
            }

            var histories = model.Histories.ToArray();
            writer.Write(histories.Length);
            foreach (var (user, history) in histories)
            {
                writer.Write(user);
                writer.Write(history.Length);
                foreach (var video in history)
                {
                    writer.Write(video);
                }
            }

            var (origin, total, counts) = popularity.Export();
            writer.Write(origin.UtcTicks);
            writer.Write(total);
            writer.Write(counts.Length);
            foreach (var (video, count) in counts)
            {
                writer.Write(video);
                writer.Write(count);
            }

            writer.Write(Trailer);
        }

        file.Flush(flushToDisk: true);
    }

    private static Loaded ReadState(string path, EmbeddingTable[] tables)
    {
        try
        {
            using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
            Expect(reader.ReadBytes(Magic.Length), Magic, path, "header");
            var tags = new KeyValuePair<string, long>[Count(reader, path)];
            for (var i = 0; i < tags.Length; i++)
            {
                tags[i] = new(reader.ReadString(), reader.ReadInt64());
            }

            var histories = new KeyValuePair<long, long[]>[Count(reader, path)];
            for (var i = 0; i < histories.Length; i++)
            {
                var user = reader.ReadInt64();
                var videos = new long[Count(reader, path)];
                for (var j = 0; j < videos.Length; j++)
                {
                    videos[j] = reader.ReadInt64();
                }

                histories[i] = new(user, videos);
            }

            var origin = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
            var total = reader.ReadDouble();
            var counts = new KeyValuePair<long, double>[Count(reader, path)];
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = new(reader.ReadInt64(), reader.ReadDouble());
            }

            Expect(reader.ReadBytes(Trailer.Length), Trailer, path, "end");
            return new Loaded(tables, tags, histories, origin, total, counts);
        }
        catch (Exception ex) when (ex is EndOfStreamException or ArgumentOutOfRangeException or FormatException)
        {
            throw new InvalidDataException($"The ranking snapshot {path} is truncated or damaged ({ex.Message}). Nothing was loaded.", ex);
        }
    }

    private static int Count(BinaryReader reader, string path)
    {
        var count = reader.ReadInt32();
        var left = reader.BaseStream.Length - reader.BaseStream.Position;
        // Every element takes at least 8 bytes: a count beyond what is left is damage, not a reason to allocate.
        return count < 0 || count > left / 8 + 1
            ? throw new InvalidDataException($"The ranking snapshot {path} is damaged: it announces {count} entries with {left} bytes left. Nothing was loaded.")
            : count;
    }

    private static void Expect(ReadOnlySpan<byte> actual, ReadOnlySpan<byte> expected, string path, string part)
    {
        if (!actual.SequenceEqual(expected))
        {
            throw new InvalidDataException($"The ranking snapshot {path} is truncated or damaged (bad {part} mark). Nothing was loaded.");
        }
    }

    /// <summary>A snapshot read back, ready to swap in.</summary>
    internal sealed record Loaded(
        EmbeddingTable[] Tables,
        KeyValuePair<string, long>[] HashtagIds,
        KeyValuePair<long, long[]>[] Histories,
        DateTimeOffset PopularityOrigin,
        double PopularityTotal,
        KeyValuePair<long, double>[] PopularityCounts);
}
