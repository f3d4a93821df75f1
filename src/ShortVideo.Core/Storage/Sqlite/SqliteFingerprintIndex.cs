using System.Text.Json;
using Microsoft.Data.Sqlite;
using ShortVideo.Media.Fingerprints;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Fingerprints in {DataDir}/shortvideo.db. A lookup never reads every fingerprint: the LSH keys of the query
/// (<see cref="FingerprintBands"/>) are looked up in the primary key of fingerprint_bands, the videos sharing the
/// most keys become candidates, and only their fingerprints are loaded and scored by <see cref="FingerprintMatcher"/>.
/// </summary>
internal sealed class SqliteFingerprintIndex(SqliteDatabase database) : IFingerprintIndex
{
    // IN (json_each) makes SQLite probe the (band, video_id) primary key once per key: cost grows with the
    // number of matching rows, not with the size of the catalog.
    internal const string CandidatesSql = """
        SELECT video_id, COUNT(*) AS shared
        FROM fingerprint_bands
        WHERE band IN (SELECT value FROM json_each($keys)) AND video_id <> $exclude
        GROUP BY video_id
        HAVING COUNT(*) >= $min
        ORDER BY shared DESC, video_id
        LIMIT $limit
        """;

    public async ValueTask AddAsync(string videoId, VideoFingerprint fingerprint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoId);
        ArgumentNullException.ThrowIfNull(fingerprint);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = """
                    DELETE FROM fingerprint_bands WHERE video_id = $id;
                    INSERT OR REPLACE INTO video_fingerprints (video_id, frames) VALUES ($id, $frames);
                    INSERT OR IGNORE INTO fingerprint_bands (band, video_id) SELECT value, $id FROM json_each($keys);
                    """;
                command.Parameters.AddWithValue("$id", videoId);
                command.Parameters.AddWithValue("$frames", fingerprint.ToBytes());
                command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(FingerprintBands.Keys(fingerprint), SqliteJson.Default.Int64Array));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<NearDuplicateMatch?> FindNearDuplicateAsync(VideoFingerprint fingerprint, string? excludeVideoId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fingerprint);
        var candidates = await FindCandidatesAsync(fingerprint, excludeVideoId, cancellationToken).ConfigureAwait(false);
        if (candidates.Count == 0)
        {
            return null;
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT video_id, frames FROM video_fingerprints WHERE video_id IN (SELECT value FROM json_each($ids))";
            command.Parameters.AddWithValue("$ids", JsonSerializer.Serialize(candidates, SqliteJson.Default.IReadOnlyListString));
            var rows = new List<(string, byte[])>(candidates.Count);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), (byte[])reader.GetValue(1)));
            }

            return FingerprintMatcher.BestNearDuplicate(fingerprint, rows);
        }
    }

    /// <summary>The videos scored for <paramref name="fingerprint"/>: those sharing enough LSH keys with it.</summary>
    internal async Task<IReadOnlyList<string>> FindCandidatesAsync(VideoFingerprint fingerprint, string? excludeVideoId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = CandidatesSql;
            command.Parameters.AddWithValue("$keys", JsonSerializer.Serialize(FingerprintBands.QueryKeys(fingerprint), SqliteJson.Default.Int64Array));
            command.Parameters.AddWithValue("$exclude", (object?)excludeVideoId ?? string.Empty);
            command.Parameters.AddWithValue("$min", FingerprintBands.MinSharedKeys);
            command.Parameters.AddWithValue("$limit", FingerprintBands.MaxCandidates);
            return await command.ReadStringsAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
