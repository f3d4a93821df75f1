using Npgsql;
using ShortVideo.Catalog;
using ShortVideo.Storage.Sqlite;
using static ShortVideo.Storage.Postgres.PostgresCatalogCommands;

namespace ShortVideo.Storage.Postgres;

/// <summary>Video records in PostgreSQL, shared by every node; the same behaviour as <see cref="SqliteVideoCatalog"/>.</summary>
internal sealed class PostgresVideoCatalog(PostgresDatabase database) : IVideoCatalog
{
    private const string Columns = VideoRows.Columns;

    // ON CONFLICT DO NOTHING: completing an upload is retried after a crash (on any node), and must create the video once.
    private const string InsertSql = $"""
        INSERT INTO videos ({Columns})
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
        ON CONFLICT (id) DO NOTHING
        """;

    /// <summary>Rows per round trip of an import (each row is a statement of one batch).</summary>
    private const int ImportBatch = 500;

    public async ValueTask CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync(database, "SELECT 1", cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException unreachable) when (!cancellationToken.IsCancellationRequested)
        {
            throw new MetadataDatabaseException(
                MetadataFileState.Unreadable,
                $"The PostgreSQL metadata database cannot be used ({unreachable.Message.TrimEnd('.')}). Check that the server runs and accepts {PostgresMetadataOptions.SectionName}:ConnectionString.",
                unreachable);
        }
        catch (InvalidOperationException newer)
        {
            // The schema refusal (a newer node migrated the database) is already a sentence for the operator.
            throw new MetadataDatabaseException(MetadataFileState.Newer, newer.Message, newer);
        }
    }

    public async ValueTask CreateAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        await ExecuteAsync(database, InsertSql, cancellationToken, Values(video)).ConfigureAwait(false);
    }

    public async ValueTask<int> ImportAsync(IReadOnlyList<VideoRecord> videos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videos);
        if (videos.Count == 0)
        {
            return 0;
        }

        var added = 0;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                // In id order: two imports overlapping (two seeders, two nodes) then wait on each other's rows in the
                // same order instead of deadlocking.
                foreach (var chunk in videos.OrderBy(v => v.Id, StringComparer.Ordinal).Chunk(ImportBatch))
                {
                    var batch = new NpgsqlBatch(connection, transaction);
                    await using (batch.ConfigureAwait(false))
                    {
                        foreach (var video in chunk)
                        {
                            batch.BatchCommands.Add(Statement(InsertSql, Values(video)));
                        }

                        added += await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    }
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return added;
    }

    /// <summary>Every column of <see cref="Columns"/>, in order, as parameter values.</summary>
    private static object?[] Values(VideoRecord v) =>
    [
        v.Id, v.CreatorId, (int)v.Status, v.Sha256, v.SizeBytes, v.Deduplicated, v.Caption, v.FileName, v.ContentType, v.Error,
        v.DurationMs, v.UploadId, v.CreatedAt.ToUnixTimeMilliseconds(), (int)v.Visibility, v.MediaVersion, v.Thumbnails.ToArray(),
        v.NearDuplicateOf, v.MediaSourceId,
    ];

    public async ValueTask<bool> UpdateAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        return await ExecuteAsync(
            database,
            """
            UPDATE videos SET status = $2, error = $3, duration_ms = $4, visibility = $5,
                media_version = $6, thumbnails = $7, near_duplicate_of = $8, media_source_id = $9
            WHERE id = $1
            """,
            cancellationToken,
            video.Id,
            (int)video.Status,
            video.Error,
            video.DurationMs,
            (int)video.Visibility,
            video.MediaVersion,
            video.Thumbnails.ToArray(),
            video.NearDuplicateOf,
            video.MediaSourceId).ConfigureAwait(false) == 1;
    }

    public async ValueTask<IReadOnlyList<string>> ListIdsAsync(VideoStatus status, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(database, "SELECT id FROM videos WHERE status = $1 ORDER BY created_at, id LIMIT $2", r => r.GetString(0), cancellationToken, (int)status, limit).ConfigureAwait(false);

    public async ValueTask<VideoRecord?> GetAsync(string videoId, CancellationToken cancellationToken) =>
        (await QueryAsync(database, $"SELECT {Columns} FROM videos WHERE id = $1", Read, cancellationToken, videoId).ConfigureAwait(false)) is [var video] ? video : null;

    public async ValueTask<IReadOnlyDictionary<string, VideoRecord>> GetManyAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoIds);
        var found = new Dictionary<string, VideoRecord>(StringComparer.Ordinal);
        if (videoIds.Count == 0)
        {
            return found;
        }

        foreach (var video in await QueryAsync(database, $"SELECT {Columns} FROM videos WHERE id = ANY($1)", Read, cancellationToken, (object)videoIds.ToArray()).ConfigureAwait(false))
        {
            found[video.Id] = video;
        }

        return found;
    }

    public ValueTask<VideoPage> ListByCreatorAsync(string creatorId, VideoListCursor? after, int limit, CancellationToken cancellationToken) =>
        ListPageAsync(VideoRows.CreatorPage(creatorId, after, limit), cancellationToken);

    public ValueTask<VideoPage> ListPublicReadyAsync(VideoListCursor? after, int limit, CancellationToken cancellationToken) =>
        ListPageAsync(VideoRows.PublicReadyPage(after, limit), cancellationToken);

    private async ValueTask<VideoPage> ListPageAsync(VideoPageQuery query, CancellationToken cancellationToken) =>
        VideoRows.ToPage(await QueryAsync(database, query.Sql, Read, cancellationToken, query.Values).ConfigureAwait(false), query.Size);

    public async ValueTask<bool> DeleteAsync(string videoId, CancellationToken cancellationToken) =>
        await ExecuteAsync(database, "DELETE FROM videos WHERE id = $1", cancellationToken, videoId).ConfigureAwait(false) == 1;

    public async ValueTask<IReadOnlyList<VideoRecord>> ListBySha256Async(string sha256, int limit, CancellationToken cancellationToken) =>
        await QueryAsync(database, VideoRows.ListBySha256Sql, Read, cancellationToken, sha256, limit).ConfigureAwait(false);

    private static VideoRecord Read(NpgsqlDataReader r) => VideoRows.Read(r, static r => r.GetFieldValue<string[]>(15));
}
