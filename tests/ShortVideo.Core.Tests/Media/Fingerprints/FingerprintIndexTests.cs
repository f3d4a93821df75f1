using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ShortVideo.Media.Fingerprints;
using ShortVideo.Storage.Postgres;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Media.Fingerprints;

/// <summary>The fingerprint index on each metadata engine.</summary>
public abstract class FingerprintIndexContract(MetadataEngineKind kind) : IAsyncLifetime
{
    private MetadataEngine _metadata = null!;
    private ServiceProvider _services = null!;

    protected MetadataEngine Metadata => _metadata;

    protected ServiceProvider Services => _services;

    private IFingerprintIndex Index => _services.GetRequiredService<IFingerprintIndex>();

    public async Task InitializeAsync()
    {
        _metadata = await MetadataEngine.CreateAsync(kind);
        _services = Node();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _metadata.DisposeAsync();
    }

    /// <summary>The videos the engine's index scores for <paramref name="query"/> (an internal step of each index).</summary>
    protected abstract Task<IReadOnlyList<string>> CandidatesAsync(VideoFingerprint query);

    /// <summary>A node's services on this test's metadata (a second call: another node on the same database).</summary>
    protected ServiceProvider Node()
    {
        var services = new ServiceCollection();
        _metadata.AddStores(services.AddShortVideo());
        return services.BuildServiceProvider();
    }

    protected static VideoFingerprint RandomFingerprint(Random random, int frames) =>
        new(Enumerable.Range(0, frames).Select(_ => (ulong)random.NextInt64() | 1));

    [Fact]
    public async Task Lookup_scores_only_the_videos_that_share_keys_with_the_query()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            await Index.AddAsync($"other-{i:D3}", RandomFingerprint(random, 8), CancellationToken.None);
        }

        var original = RandomFingerprint(random, 8);
        await Index.AddAsync("original", original, CancellationToken.None);

        // A copy: every frame 6 bits off, at scattered positions.
        var copy = new VideoFingerprint(original.FrameHashes.Select(h => h ^ 0x0101_0100_0100_0101UL));
        var candidates = await CandidatesAsync(copy);
        var match = await Index.FindNearDuplicateAsync(copy, null, CancellationToken.None);

        Assert.Equal(["original"], candidates);
        Assert.Equal("original", match?.VideoId);
        Assert.Equal(1.0, match!.Similarity);
    }

    [Fact]
    public async Task The_video_being_processed_is_never_its_own_near_duplicate()
    {
        var fingerprint = RandomFingerprint(new Random(3), 6);
        await Index.AddAsync("video", fingerprint, CancellationToken.None);

        Assert.Null(await Index.FindNearDuplicateAsync(fingerprint, "video", CancellationToken.None));
        Assert.Equal("video", (await Index.FindNearDuplicateAsync(fingerprint, "another", CancellationToken.None))?.VideoId);
    }

    [Fact]
    public async Task Adding_a_video_again_replaces_its_fingerprint()
    {
        var random = new Random(5);
        var first = RandomFingerprint(random, 6);
        var second = RandomFingerprint(random, 6);
        await Index.AddAsync("video", first, CancellationToken.None);
        await Index.AddAsync("video", second, CancellationToken.None);

        Assert.Null(await Index.FindNearDuplicateAsync(first, null, CancellationToken.None));
        Assert.Equal("video", (await Index.FindNearDuplicateAsync(second, null, CancellationToken.None))?.VideoId);
    }

    [Fact]
    public async Task Flat_frames_match_nothing()
    {
        var blank = new VideoFingerprint(Enumerable.Repeat(VideoFingerprint.FlatFrame, 6));
        await Index.AddAsync("blank", blank, CancellationToken.None);

        Assert.Null(await Index.FindNearDuplicateAsync(blank, null, CancellationToken.None));
    }
}

public sealed class SqliteFingerprintIndexTests() : FingerprintIndexContract(MetadataEngineKind.Sqlite)
{
    protected override async Task<IReadOnlyList<string>> CandidatesAsync(VideoFingerprint query) =>
        await ((SqliteFingerprintIndex)Services.GetRequiredService<IFingerprintIndex>()).FindCandidatesAsync(query, null, CancellationToken.None);

    [Fact]
    public async Task Candidate_query_searches_the_band_primary_key_instead_of_scanning_the_table()
    {
        var connection = await Services.GetRequiredService<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + SqliteFingerprintIndex.CandidatesSql;
            command.Parameters.AddWithValue("$keys", "[1,2,3]");
            command.Parameters.AddWithValue("$exclude", "x");
            command.Parameters.AddWithValue("$min", 2);
            command.Parameters.AddWithValue("$limit", 32);
            var plan = new List<string>();
            using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(3));
            }

            Assert.Contains(plan, step => step.StartsWith("SEARCH fingerprint_bands USING PRIMARY KEY (band=?)", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, step => step.StartsWith("SCAN fingerprint_bands", StringComparison.Ordinal));
        }
    }
}

public sealed class PostgresFingerprintIndexTests() : FingerprintIndexContract(MetadataEngineKind.Postgres)
{
    protected override async Task<IReadOnlyList<string>> CandidatesAsync(VideoFingerprint query) =>
        await ((PostgresFingerprintIndex)Services.GetRequiredService<IFingerprintIndex>()).FindCandidatesAsync(query, null, CancellationToken.None);

    [Fact]
    public async Task Candidate_query_probes_the_band_primary_key_instead_of_scanning_the_table()
    {
        // The bands of ~10,000 videos, analysed: a few hundred fingerprints are cheaper to scan than to probe, a
        // catalog is not, and the plan must be the one for a catalog.
        var random = new Random(1);
        var connection = await Services.GetRequiredService<PostgresDatabase>().OpenAsync(CancellationToken.None);
        await using (connection)
        {
            await using (var fill = new NpgsqlCommand(
                """
                INSERT INTO fingerprint_bands (band, video_id)
                SELECT ((g::bigint % 4) << 16) | (g::bigint * 7919 % 65536), 'v' || (g / 32) FROM generate_series(1, 320000) g ON CONFLICT DO NOTHING;
                ANALYZE fingerprint_bands;
                """,
                connection))
            {
                await fill.ExecuteNonQueryAsync();
            }

            await using var explain = new NpgsqlCommand("EXPLAIN " + PostgresFingerprintIndex.CandidatesSql, connection);
            foreach (var value in PostgresFingerprintIndex.CandidateValues(RandomFingerprint(random, 8), "x"))
            {
                explain.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            var plan = new List<string>();
            await using var reader = await explain.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }

            var text = string.Join('\n', plan);
            Assert.Contains("on fingerprint_bands_pkey", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Seq Scan", text, StringComparison.Ordinal);
            Assert.DoesNotContain("fingerprint_bands_by_video", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Two_nodes_indexing_one_video_at_once_leave_the_bands_of_the_fingerprint_that_stayed()
    {
        await using var other = Node();
        var here = Services.GetRequiredService<IFingerprintIndex>();
        var there = other.GetRequiredService<IFingerprintIndex>();
        var random = new Random(11);
        for (var round = 0; round < 20; round++)
        {
            var first = RandomFingerprint(random, 8);
            var second = RandomFingerprint(random, 8);
            await Task.WhenAll(here.AddAsync("video", first, CancellationToken.None).AsTask(), there.AddAsync("video", second, CancellationToken.None).AsTask());

            await using var connection = new NpgsqlConnection(Metadata.ConnectionString);
            await connection.OpenAsync();
            await using var read = new NpgsqlCommand("SELECT frames, ARRAY(SELECT band FROM fingerprint_bands WHERE video_id = 'video' ORDER BY band) FROM video_fingerprints WHERE video_id = 'video'", connection);
            await using var reader = await read.ExecuteReaderAsync();
            Assert.True(await reader.ReadAsync());
            var stored = VideoFingerprint.FromBytes(reader.GetFieldValue<byte[]>(0));
            Assert.Equal(FingerprintBands.Keys(stored).Order(), reader.GetFieldValue<long[]>(1));
        }
    }
}
