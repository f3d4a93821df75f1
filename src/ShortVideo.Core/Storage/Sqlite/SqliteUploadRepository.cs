using Microsoft.Data.Sqlite;
using ShortVideo.Uploads;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Upload records in SQLite; one row per upload, rewritten at every commit of a PATCH.</summary>
internal sealed class SqliteUploadRepository(SqliteDatabase database) : IUploadRepository
{
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
            await connection.ExecuteAsync(transaction, UploadRows.InsertSql, cancellationToken, UploadRows.Values(upload)).ConfigureAwait(false);
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
        var reserved = UploadRows.Saturate(reader.GetDouble(1));
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new UploadUsage { OwnerUploads = uploads, OwnerReservedBytes = reserved, PendingBytes = UploadRows.Saturate(reader.GetDouble(0)) };
    }

    public async ValueTask UpdateAsync(UploadInfo upload, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = UploadRows.UpdateSql;
            command.Parameters.AddPositional(UploadRows.Values(upload));
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
            command.CommandText = UploadRows.GetSql;
            command.Parameters.AddPositional(uploadId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? UploadRows.Read(reader) : null;
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
            command.CommandText = UploadRows.ListExpiredSql;
            command.Parameters.AddPositional(now.ToUnixTimeMilliseconds(), max);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var result = new List<UploadInfo>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(UploadRows.Read(reader));
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
}
