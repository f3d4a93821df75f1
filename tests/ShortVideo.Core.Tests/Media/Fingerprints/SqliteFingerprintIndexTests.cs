using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using ShortVideo.Core.Tests.Media.Transcoding;
using ShortVideo.Media.Fingerprints;
using ShortVideo.Storage.Sqlite;

namespace ShortVideo.Core.Tests.Media.Fingerprints;

public sealed class SqliteFingerprintIndexTests : IDisposable
{
    private readonly TempDirectory _temp = new("sv-fpindex-");
    private readonly SqliteDatabase _database;
    private readonly SqliteFingerprintIndex _index;

    public SqliteFingerprintIndexTests()
    {
        _database = new SqliteDatabase(Options.Create(new DataDirectoryOptions { Path = _temp.Path }));
        _index = new SqliteFingerprintIndex(_database);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    [Fact]
    public async Task Lookup_scores_only_the_videos_that_share_keys_with_the_query()
    {
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            await _index.AddAsync($"other-{i:D3}", RandomFingerprint(random, 8), CancellationToken.None);
        }

        var original = RandomFingerprint(random, 8);
        await _index.AddAsync("original", original, CancellationToken.None);

        // A copy: every frame 6 bits off, at scattered positions.
        var copy = new VideoFingerprint(original.FrameHashes.Select(h => h ^ 0x0101_0100_0100_0101UL));
        var candidates = await _index.FindCandidatesAsync(copy, null, CancellationToken.None);
        var match = await _index.FindNearDuplicateAsync(copy, null, CancellationToken.None);

        Assert.Equal(["original"], candidates);
        Assert.Equal("original", match?.VideoId);
        Assert.Equal(1.0, match!.Similarity);
    }

    [Fact]
    public async Task Candidate_query_searches_the_band_primary_key_instead_of_scanning_the_table()
    {
        var connection = await _database.OpenAsync(CancellationToken.None);
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

    [Fact]
    public async Task The_video_being_processed_is_never_its_own_near_duplicate()
    {
        var fingerprint = RandomFingerprint(new Random(3), 6);
        await _index.AddAsync("video", fingerprint, CancellationToken.None);

        Assert.Null(await _index.FindNearDuplicateAsync(fingerprint, "video", CancellationToken.None));
        Assert.Equal("video", (await _index.FindNearDuplicateAsync(fingerprint, "another", CancellationToken.None))?.VideoId);
    }

    [Fact]
    public async Task Adding_a_video_again_replaces_its_fingerprint()
    {
        var random = new Random(5);
        var first = RandomFingerprint(random, 6);
        var second = RandomFingerprint(random, 6);
        await _index.AddAsync("video", first, CancellationToken.None);
        await _index.AddAsync("video", second, CancellationToken.None);

        Assert.Null(await _index.FindNearDuplicateAsync(first, null, CancellationToken.None));
        Assert.Equal("video", (await _index.FindNearDuplicateAsync(second, null, CancellationToken.None))?.VideoId);
    }

    [Fact]
    public async Task Flat_frames_match_nothing()
    {
        var blank = new VideoFingerprint(Enumerable.Repeat(VideoFingerprint.FlatFrame, 6));
        await _index.AddAsync("blank", blank, CancellationToken.None);

        Assert.Null(await _index.FindNearDuplicateAsync(blank, null, CancellationToken.None));
    }

    private static VideoFingerprint RandomFingerprint(Random random, int frames) =>
        new(Enumerable.Range(0, frames).Select(_ => (ulong)random.NextInt64() | 1));
}
