using Microsoft.Data.Sqlite;
using ShortVideo.Catalog;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Video records in SQLite.</summary>
internal sealed class SqliteVideoCatalog(SqliteDatabase database) : IVideoCatalog
{
    private const string Columns = VideoRows.Columns;

    public ValueTask CheckAsync(CancellationToken cancellationToken) => database.CheckAsync(cancellationToken);

    public async ValueTask CreateAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();

            // OR IGNORE: completing an upload is retried after a crash, and must create the video once.
            command.CommandText = """
                INSERT OR IGNORE INTO videos (id, creator_id, status, sha256, size_bytes, deduplicated, caption, file_name, content_type, error, duration_ms, upload_id, created_at, visibility)
                VALUES ($id, $creator, $status, $sha, $size, $dedup, $caption, $file, $type, $error, $duration, $upload, $created, $visibility)
                """;
            BindUpload(command.Parameters, video);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<int> ImportAsync(IReadOnlyList<VideoRecord> videos, CancellationToken cancellationToken) =>
        (await SqliteBulkInsert.InsertNewAsync(
            database,
            $"""
            INSERT OR IGNORE INTO videos ({Columns})
            VALUES ($id, $creator, $status, $sha, $size, $dedup, $caption, $file, $type, $error, $duration, $upload, $created, $visibility, $version, $thumbnails, $near, $source)
            """,
            videos,
            static (p, v) =>
            {
                BindUpload(p, v);
                p.AddWithValue("$version", (object?)v.MediaVersion ?? DBNull.Value);
                p.AddWithValue("$thumbnails", v.Thumbnails.Count == 0 ? DBNull.Value : System.Text.Json.JsonSerializer.Serialize(v.Thumbnails, SqliteJson.Default.IReadOnlyListString));
                p.AddWithValue("$near", (object?)v.NearDuplicateOf ?? DBNull.Value);
                p.AddWithValue("$source", (object?)v.MediaSourceId ?? DBNull.Value);
            },
            cancellationToken).ConfigureAwait(false)).Count;

    /// <summary>The columns an upload sets when it becomes a video (shared by create and import).</summary>
    private static void BindUpload(SqliteParameterCollection p, VideoRecord video)
    {
        p.AddWithValue("$id", video.Id);
        p.AddWithValue("$creator", video.CreatorId);
        p.AddWithValue("$status", (int)video.Status);
        p.AddWithValue("$sha", video.Sha256);
        p.AddWithValue("$size", video.SizeBytes);
        p.AddWithValue("$dedup", video.Deduplicated ? 1 : 0);
        p.AddWithValue("$caption", (object?)video.Caption ?? DBNull.Value);
        p.AddWithValue("$file", (object?)video.FileName ?? DBNull.Value);
        p.AddWithValue("$type", (object?)video.ContentType ?? DBNull.Value);
        p.AddWithValue("$error", (object?)video.Error ?? DBNull.Value);
        p.AddWithValue("$duration", (object?)video.DurationMs ?? DBNull.Value);
        p.AddWithValue("$upload", (object?)video.UploadId ?? DBNull.Value);
        p.AddWithValue("$created", video.CreatedAt.ToUnixTimeMilliseconds());
        p.AddWithValue("$visibility", (int)video.Visibility);
    }

    public async ValueTask<bool> UpdateAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE videos SET status = $status, error = $error, duration_ms = $duration, visibility = $visibility,
                    media_version = $version, thumbnails = $thumbnails, near_duplicate_of = $near, media_source_id = $source
                WHERE id = $id
                """;
            var p = command.Parameters;
            p.AddWithValue("$id", video.Id);
            p.AddWithValue("$status", (int)video.Status);
            p.AddWithValue("$error", (object?)video.Error ?? DBNull.Value);
            p.AddWithValue("$duration", (object?)video.DurationMs ?? DBNull.Value);
            p.AddWithValue("$visibility", (int)video.Visibility);
            p.AddWithValue("$version", (object?)video.MediaVersion ?? DBNull.Value);
            p.AddWithValue("$thumbnails", video.Thumbnails.Count == 0 ? DBNull.Value : System.Text.Json.JsonSerializer.Serialize(video.Thumbnails, SqliteJson.Default.IReadOnlyListString));
            p.AddWithValue("$near", (object?)video.NearDuplicateOf ?? DBNull.Value);
            p.AddWithValue("$source", (object?)video.MediaSourceId ?? DBNull.Value);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    public async ValueTask<IReadOnlyList<string>> ListIdsAsync(VideoStatus status, int limit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT id FROM videos WHERE status = $status ORDER BY created_at LIMIT $limit";
            command.Parameters.AddWithValue("$status", (int)status);
            command.Parameters.AddWithValue("$limit", limit);
            return await command.ReadStringsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<VideoRecord?> GetAsync(string videoId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM videos WHERE id = $id";
            command.Parameters.AddWithValue("$id", videoId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Read(reader) : null;
        }
    }

    public async ValueTask<IReadOnlyDictionary<string, VideoRecord>> GetManyAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoIds);
        var found = new Dictionary<string, VideoRecord>(StringComparer.Ordinal);
        if (videoIds.Count == 0)
        {
            return found;
        }

        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM videos WHERE id IN (SELECT value FROM json_each($ids))";
            command.Parameters.AddIdList("$ids", videoIds);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var video = Read(reader);
                found[video.Id] = video;
            }
        }

        return found;
    }

    public ValueTask<VideoPage> ListByCreatorAsync(string creatorId, VideoListCursor? after, int limit, CancellationToken cancellationToken) =>
        ListPageAsync(VideoRows.CreatorPage(creatorId, after, limit), cancellationToken);

    public ValueTask<VideoPage> ListPublicReadyAsync(VideoListCursor? after, int limit, CancellationToken cancellationToken) =>
        ListPageAsync(VideoRows.PublicReadyPage(after, limit), cancellationToken);

    private async ValueTask<VideoPage> ListPageAsync(VideoPageQuery query, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = query.Sql;
            command.Parameters.AddPositional(query.Values);

            var items = new List<VideoRecord>(query.Size + 1);
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(Read(reader));
                }
            }

            return VideoRows.ToPage(items, query.Size);
        }
    }

    public async ValueTask<bool> DeleteAsync(string videoId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM videos WHERE id = $id";
            command.Parameters.AddWithValue("$id", videoId);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
    }

    public async ValueTask<IReadOnlyList<VideoRecord>> ListBySha256Async(string sha256, int limit, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = VideoRows.ListBySha256Sql;
            command.Parameters.AddWithValue("$1", sha256);
            command.Parameters.AddWithValue("$2", limit);
            var videos = new List<VideoRecord>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                videos.Add(Read(reader));
            }

            return videos;
        }
    }

    private static VideoRecord Read(SqliteDataReader r) =>
        VideoRows.Read(r, static r => System.Text.Json.JsonSerializer.Deserialize(r.GetString(15), SqliteJson.Default.IReadOnlyListString) ?? []);
}
