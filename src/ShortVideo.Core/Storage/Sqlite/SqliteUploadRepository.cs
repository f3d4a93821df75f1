using System.Text.Json;
using Microsoft.Data.Sqlite;
using ShortVideo.Uploads;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Upload records in SQLite; one row per upload, rewritten at every commit of a PATCH.</summary>
internal sealed class SqliteUploadRepository(SqliteDatabase database) : IUploadRepository
{
    private const string Columns = "id, owner_id, length, offset, kind, raw_metadata, metadata_json, partial_ids, created_at, expires_at, hash_state, store_state, sha256, video_id, completed_at, deduplicated";

    /// <summary>
    /// One IMMEDIATE transaction: it takes the database's write lock before measuring, so creations (in this process or
    /// any other on the same file) measure and insert one after another, never on the same figures.
    /// </summary>
    public async ValueTask CreateAsync(UploadInfo upload, long deferredLengthReservation, Action<UploadUsage> admit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            admit(await MeasureAsync(connection, transaction, upload.OwnerId, upload.CreatedAt, deferredLengthReservation, cancellationToken).ConfigureAwait(false));
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO uploads ({Columns}) VALUES ($id, $owner, $length, $offset, $kind, $raw, $meta, $partials, $created, $expires, $hash, $store, $sha, $video, $completed, $dedup)";
            Bind(command, upload);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<UploadUsage> MeasureAsync(string ownerId, DateTimeOffset now, long deferredLengthReservation, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await MeasureAsync(connection, null, ownerId, now, deferredLengthReservation, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<UploadUsage> MeasureAsync(SqliteConnection connection, SqliteTransaction? transaction, string ownerId, DateTimeOffset now, long deferred, CancellationToken cancellationToken)
    {
        // "Held" is the predicate of the partial indexes: unfinished uploads and finished partials. total() never
        // overflows (sum() would fail on huge deferred reservations); the figures are compared, not added up, after.
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT count(*), total(max(coalesce(length, $deferred), offset))
                FROM uploads WHERE owner_id = $owner AND (completed_at IS NULL OR kind = 1) AND expires_at > $now;
            SELECT total(max(coalesce(length, $deferred) - offset, 0))
                FROM uploads WHERE completed_at IS NULL AND expires_at > $now;
            """;
        command.Parameters.AddWithValue("$owner", ownerId);
        command.Parameters.AddWithValue("$deferred", deferred);
        command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var uploads = reader.GetInt32(0);
        var reserved = Saturate(reader.GetDouble(1));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new UploadUsage { OwnerUploads = uploads, OwnerReservedBytes = reserved, PendingBytes = Saturate(reader.GetDouble(0)) };
    }

    private static long Saturate(double bytes) => bytes >= long.MaxValue ? long.MaxValue : (long)bytes;

    public async ValueTask UpdateAsync(UploadInfo upload, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE uploads SET owner_id = $owner, length = $length, offset = $offset, kind = $kind, raw_metadata = $raw,
                    metadata_json = $meta, partial_ids = $partials, created_at = $created, expires_at = $expires,
                    hash_state = $hash, store_state = $store, sha256 = $sha, video_id = $video, completed_at = $completed, deduplicated = $dedup
                WHERE id = $id
                """;
            Bind(command, upload);
            if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                throw new InvalidOperationException($"Upload {upload.Id} vanished while it was being written.");
            }
        }
    }

    public async ValueTask<UploadInfo?> GetAsync(string uploadId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM uploads WHERE id = $id";
            command.Parameters.AddWithValue("$id", uploadId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }
    }

    public async ValueTask DeleteAsync(string uploadId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM uploads WHERE id = $id";
            command.Parameters.AddWithValue("$id", uploadId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<IReadOnlyList<UploadInfo>> ListExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM uploads WHERE (completed_at IS NULL OR kind = 1) AND expires_at <= $now ORDER BY expires_at LIMIT $max";
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            command.Parameters.AddWithValue("$max", max);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<UploadInfo>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(Read(reader));
            }

            return result;
        }
    }

    public async ValueTask MarkExpiredAsync(UploadInfo upload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                BEGIN;
                DELETE FROM uploads WHERE id = $id;
                INSERT OR REPLACE INTO upload_tombstones (id, owner_id, expired_at) VALUES ($id, $owner, $now);
                COMMIT;
                """;
            command.Parameters.AddWithValue("$id", upload.Id);
            command.Parameters.AddWithValue("$owner", upload.OwnerId);
            command.Parameters.AddWithValue("$now", now.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<bool> WasExpiredAsync(string uploadId, string ownerId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1 FROM upload_tombstones WHERE id = $id AND owner_id = $owner";
            command.Parameters.AddWithValue("$id", uploadId);
            command.Parameters.AddWithValue("$owner", ownerId);
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
        }
    }

    public async ValueTask PurgeTombstonesAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM upload_tombstones WHERE expired_at < $before";
            command.Parameters.AddWithValue("$before", before.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static void Bind(SqliteCommand command, UploadInfo upload)
    {
        var p = command.Parameters;
        p.AddWithValue("$id", upload.Id);
        p.AddWithValue("$owner", upload.OwnerId);
        p.AddWithValue("$length", (object?)upload.Length ?? DBNull.Value);
        p.AddWithValue("$offset", upload.Offset);
        p.AddWithValue("$kind", (int)upload.Kind);
        p.AddWithValue("$raw", (object?)upload.RawMetadata ?? DBNull.Value);
        p.AddWithValue("$meta", JsonSerializer.Serialize(upload.Metadata, SqliteJson.Default.IReadOnlyDictionaryStringString));
        p.AddWithValue("$partials", JsonSerializer.Serialize(upload.PartialIds, SqliteJson.Default.IReadOnlyListString));
        p.AddWithValue("$created", upload.CreatedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$expires", upload.ExpiresAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$hash", (object?)upload.HashState ?? DBNull.Value);
        p.AddWithValue("$store", (object?)upload.StoreState ?? DBNull.Value);
        p.AddWithValue("$sha", (object?)upload.Sha256 ?? DBNull.Value);
        p.AddWithValue("$video", (object?)upload.VideoId ?? DBNull.Value);
        p.AddWithValue("$completed", upload.CompletedAt is { } c ? c.ToUnixTimeMilliseconds() : DBNull.Value);
        p.AddWithValue("$dedup", upload.Deduplicated is { } d ? (d ? 1 : 0) : DBNull.Value);
    }

    private static UploadInfo Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        OwnerId = r.GetString(1),
        Length = r.IsDBNull(2) ? null : r.GetInt64(2),
        Offset = r.GetInt64(3),
        Kind = (UploadKind)r.GetInt32(4),
        RawMetadata = r.IsDBNull(5) ? null : r.GetString(5),
        Metadata = JsonSerializer.Deserialize(r.GetString(6), SqliteJson.Default.IReadOnlyDictionaryStringString) ?? new Dictionary<string, string?>(),
        PartialIds = JsonSerializer.Deserialize(r.GetString(7), SqliteJson.Default.IReadOnlyListString) ?? [],
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(8)),
        ExpiresAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(9)),
        HashState = r.IsDBNull(10) ? null : (byte[])r.GetValue(10),
        StoreState = r.IsDBNull(11) ? null : r.GetString(11),
        Sha256 = r.IsDBNull(12) ? null : r.GetString(12),
        VideoId = r.IsDBNull(13) ? null : r.GetString(13),
        CompletedAt = r.IsDBNull(14) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)),
        Deduplicated = r.IsDBNull(15) ? null : r.GetInt32(15) != 0,
    };
}
