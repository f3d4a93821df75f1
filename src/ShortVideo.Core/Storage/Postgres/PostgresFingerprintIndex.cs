using Npgsql;
using ShortVideo.Media.Fingerprints;
using static ShortVideo.Storage.Postgres.PostgresCatalogCommands;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Fingerprints in PostgreSQL, shared by every node; the same search as <c>SqliteFingerprintIndex</c>: the query's
/// LSH keys are looked up in the primary key of fingerprint_bands, the videos sharing the most keys become
/// candidates, and only their fingerprints are loaded and scored by <see cref="FingerprintMatcher"/>.
/// </summary>
internal sealed class PostgresFingerprintIndex(PostgresDatabase database) : IFingerprintIndex
{
    /// <summary>The candidates ($1 keys, $2 excluded id, $3 keys at least, $4 at most): a probe of the primary key per key.</summary>
    internal const string CandidatesSql = """
        SELECT video_id, count(*) AS shared
        FROM fingerprint_bands
        WHERE band = ANY($1) AND video_id <> $2
        GROUP BY video_id
        HAVING count(*) >= $3
        ORDER BY shared DESC, video_id
        LIMIT $4
        """;

    public async ValueTask AddAsync(string videoId, VideoFingerprint fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoId);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // The fingerprint's row first: it locks the video, so two nodes indexing it at once replace its bands one
            // after the other (the second deletes what the first wrote) instead of leaving a mix of both.
            var batch = new NpgsqlBatch(connection)
            {
                BatchCommands =
                {
                    Statement("INSERT INTO video_fingerprints (video_id, frames) VALUES ($1, $2) ON CONFLICT (video_id) DO UPDATE SET frames = EXCLUDED.frames", videoId, fingerprint.ToBytes()),
                    Statement("DELETE FROM fingerprint_bands WHERE video_id = $1", videoId),
                    Statement("INSERT INTO fingerprint_bands (band, video_id) SELECT DISTINCT unnest($1::bigint[]), $2 ON CONFLICT DO NOTHING", FingerprintBands.Keys(fingerprint), videoId),
                },
            };
            await using (batch.ConfigureAwait(false))
            {
                // A batch runs in one implicit transaction: the fingerprint and its bands change together.
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<NearDuplicateMatch?> FindNearDuplicateAsync(VideoFingerprint fingerprint, string? excludeVideoId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var candidates = await QueryAsync(
            database,
            $"SELECT f.video_id, f.frames FROM ({CandidatesSql}) c JOIN video_fingerprints f ON f.video_id = c.video_id",
            r => (r.GetString(0), r.GetFieldValue<byte[]>(1)),
            cancellationToken,
            CandidateValues(fingerprint, excludeVideoId)).ConfigureAwait(false);
        return FingerprintMatcher.BestNearDuplicate(fingerprint, candidates);
    }

    /// <summary>The videos scored for <paramref name="fingerprint"/>: those sharing enough LSH keys with it.</summary>
    internal async Task<IReadOnlyList<string>> FindCandidatesAsync(VideoFingerprint fingerprint, string? excludeVideoId, CancellationToken cancellationToken) =>
        await QueryAsync(database, CandidatesSql, r => r.GetString(0), cancellationToken, CandidateValues(fingerprint, excludeVideoId)).ConfigureAwait(false);

    internal static object?[] CandidateValues(VideoFingerprint fingerprint, string? excludeVideoId) =>
        [FingerprintBands.QueryKeys(fingerprint), excludeVideoId ?? string.Empty, FingerprintBands.MinSharedKeys, FingerprintBands.MaxCandidates];
}
