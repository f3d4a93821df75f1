using Npgsql;
using ShortVideo.Uploads;
using static ShortVideo.Storage.Postgres.PostgresCatalogCommands;

namespace ShortVideo.Storage.Postgres;

/// <summary>Upload records in PostgreSQL, shared by every node; the same behaviour as <c>SqliteUploadRepository</c>.</summary>
internal sealed class PostgresUploadRepository(PostgresDatabase database) : IUploadRepository
{
    // An arbitrary constant every node agrees on: the transaction lock that makes measuring and storing one step.
    private const long CreationLock = 0x5356_5550_4C4F_4144; // "SVUPLOAD"

    // "Held" is the predicate of the partial indexes: unfinished uploads and finished partials. Sums of bigint are
    // numeric in PostgreSQL (they never overflow); as floats they are saturated into longs, as SQLite's total() is.
    private const string MeasureSql = """
        SELECT held.uploads, held.bytes,
            (SELECT coalesce(sum(greatest(coalesce(length, $2) - "offset", 0)), 0)::float8
                FROM uploads WHERE completed_at IS NULL AND expires_at > $3)
        FROM (SELECT count(*)::integer AS uploads, coalesce(sum(greatest(coalesce(length, $2), "offset")), 0)::float8 AS bytes
                FROM uploads WHERE owner_id = $1 AND (completed_at IS NULL OR kind = 1) AND expires_at > $3) held
        """;

    /// <summary>
    /// One transaction holding a lock every node takes before measuring, so creations anywhere measure and insert one
    /// after another, never on the same figures (the pending bytes are summed over every owner, so the lock is one).
    /// </summary>
    public async ValueTask CreateAsync(UploadInfo upload, long deferredLengthReservation, Action<UploadUsage> admit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        ArgumentNullException.ThrowIfNull(admit);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                using (var take = Command(connection, "SELECT pg_advisory_xact_lock($1)", CreationLock))
                {
                    await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                admit(await MeasureAsync(connection, upload.OwnerId, upload.CreatedAt, deferredLengthReservation, cancellationToken).ConfigureAwait(false));
                using (var insert = Command(connection, UploadRows.InsertSql, UploadRows.Values(upload)))
                {
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async ValueTask<UploadUsage> MeasureAsync(string ownerId, DateTimeOffset now, long deferredLengthReservation, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await MeasureAsync(connection, ownerId, now, deferredLengthReservation, cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task<UploadUsage> MeasureAsync(NpgsqlConnection connection, string ownerId, DateTimeOffset now, long deferred, CancellationToken cancellationToken)
    {
        using var command = Command(connection, MeasureSql, ownerId, deferred, now.ToUnixTimeMilliseconds());
        var rows = await ReadAllAsync(
            command,
            r => new UploadUsage { OwnerUploads = r.GetInt32(0), OwnerReservedBytes = UploadRows.Saturate(r.GetDouble(1)), PendingBytes = UploadRows.Saturate(r.GetDouble(2)) },
            cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    public async ValueTask UpdateAsync(UploadInfo upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        if (await ExecuteAsync(database, UploadRows.UpdateSql, cancellationToken, UploadRows.Values(upload)).ConfigureAwait(false) != 1)
        {
            throw new InvalidOperationException($"Upload {upload.Id} vanished while it was being written.");
        }
    }

    public async ValueTask<UploadInfo?> GetAsync(string uploadId, CancellationToken cancellationToken) =>
        (await QueryAsync(database, UploadRows.GetSql, UploadRows.Read, cancellationToken, uploadId).ConfigureAwait(false)) is [var upload] ? upload : null;

    public async ValueTask DeleteAsync(string uploadId, CancellationToken cancellationToken) =>
        await ExecuteAsync(database, "DELETE FROM uploads WHERE id = $1", cancellationToken, uploadId).ConfigureAwait(false);

    public async ValueTask<IReadOnlyList<UploadInfo>> ListExpiredAsync(DateTimeOffset now, int max, CancellationToken cancellationToken) =>
        await QueryAsync(database, UploadRows.ListExpiredSql, UploadRows.Read, cancellationToken, now.ToUnixTimeMilliseconds(), max).ConfigureAwait(false);

    public async ValueTask MarkExpiredAsync(UploadInfo upload, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);

        // One statement: the record goes and its tombstone comes together (a sweep on two nodes writes it once).
        await ExecuteAsync(
            database,
            """
            WITH gone AS (DELETE FROM uploads WHERE id = $1)
            INSERT INTO upload_tombstones (id, owner_id, expired_at) VALUES ($1, $2, $3)
            ON CONFLICT (id) DO UPDATE SET owner_id = EXCLUDED.owner_id, expired_at = EXCLUDED.expired_at
            """,
            cancellationToken,
            upload.Id,
            upload.OwnerId,
            now.ToUnixTimeMilliseconds()).ConfigureAwait(false);
    }

    public async ValueTask<bool> WasExpiredAsync(string uploadId, string ownerId, CancellationToken cancellationToken) =>
        (await QueryAsync(database, "SELECT 1 FROM upload_tombstones WHERE id = $1 AND owner_id = $2", r => r.GetInt32(0), cancellationToken, uploadId, ownerId).ConfigureAwait(false)).Count > 0;

    public async ValueTask PurgeTombstonesAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        await ExecuteAsync(database, "DELETE FROM upload_tombstones WHERE expired_at < $1", cancellationToken, before.ToUnixTimeMilliseconds()).ConfigureAwait(false);
}
