using Microsoft.Data.Sqlite;
using ShortVideo.Catalog;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Video records in SQLite.</summary>
internal sealed class SqliteVideoCatalog(SqliteDatabase database) : IVideoCatalog
{
    private const string Columns =
        "id, creator_id, status, sha256, size_bytes, deduplicated, caption, file_name, content_type, error, duration_ms, upload_id, created_at, visibility, media_version, thumbnails, near_duplicate_of, media_source_id";

    /// <summary>
    /// Keyset paging on the videos_by_creator_newest index: a range scan from the cursor (no sort, no offset), so a
    /// deep page costs what the first one does.
    /// </summary>
    internal const string ListNewestSql = $"SELECT {Columns} FROM videos WHERE creator_id = $creator ORDER BY created_at DESC, id DESC LIMIT $limit";

    /// <summary>The page after a cursor; the row-value comparison is what SQLite turns into an index range.</summary>
    internal const string ListAfterSql = $"SELECT {Columns} FROM videos WHERE creator_id = $creator AND (created_at, id) < ($at, $id) ORDER BY created_at DESC, id DESC LIMIT $limit";

    /// <summary>Ready public videos newest first, a range of the index videos_by_status_visibility_newest.</summary>
    internal const string ListPublicReadySql = $"SELECT {Columns} FROM videos WHERE status = 2 AND visibility = 0 ORDER BY created_at DESC, id DESC LIMIT $limit";

    /// <summary>The page after a cursor, as a range of that index.</summary>
    internal const string ListPublicReadyAfterSql = $"SELECT {Columns} FROM videos WHERE status = 2 AND visibility = 0 AND (created_at, id) < ($at, $id) ORDER BY created_at DESC, id DESC LIMIT $limit";

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

    public ValueTask<VideoPage> ListByCreatorAsync(string creatorId, VideoListCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(creatorId);
        return ListPageAsync(after is null ? ListNewestSql : ListAfterSql, creatorId, after, VideoPage.Cap(limit), cancellationToken);
    }

    public ValueTask<VideoPage> ListPublicReadyAsync(VideoListCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return ListPageAsync(after is null ? ListPublicReadySql : ListPublicReadyAfterSql, creatorId: null, after, Math.Min(limit, VideoPage.MaxBulkLimit), cancellationToken);
    }

    /// <summary>A keyset page, newest first: one more row than asked says whether a next page exists.</summary>
    private async ValueTask<VideoPage> ListPageAsync(string sql, string? creatorId, VideoListCursor? after, int size, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            if (creatorId is not null)
            {
                command.Parameters.AddWithValue("$creator", creatorId);
            }

            command.Parameters.AddWithValue("$limit", size + 1);
            if (after is not null)
            {
                command.Parameters.AddWithValue("$at", after.CreatedAt.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$id", after.VideoId);
            }

            var items = new List<VideoRecord>(size + 1);
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    items.Add(Read(reader));
                }
            }

            if (items.Count <= size)
            {
                return new VideoPage { Items = items };
            }

            items.RemoveAt(size);
            return new VideoPage { Items = items, Next = VideoListCursor.After(items[^1]) };
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
            command.CommandText = $"SELECT {Columns} FROM videos WHERE sha256 = $sha ORDER BY created_at, id LIMIT $limit";
            command.Parameters.AddWithValue("$sha", sha256);
            command.Parameters.AddWithValue("$limit", limit);
            var videos = new List<VideoRecord>();
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                videos.Add(Read(reader));
            }

            return videos;
        }
    }

    private static VideoRecord Read(SqliteDataReader r) => new()
    {
        Id = r.GetString(0),
        CreatorId = r.GetString(1),
        Status = (VideoStatus)r.GetInt32(2),
        Sha256 = r.GetString(3),
        SizeBytes = r.GetInt64(4),
        Deduplicated = r.GetInt32(5) != 0,
        Caption = r.IsDBNull(6) ? null : r.GetString(6),
        FileName = r.IsDBNull(7) ? null : r.GetString(7),
        ContentType = r.IsDBNull(8) ? null : r.GetString(8),
        Error = r.IsDBNull(9) ? null : r.GetString(9),
        DurationMs = r.IsDBNull(10) ? null : r.GetInt64(10),
        UploadId = r.IsDBNull(11) ? null : r.GetString(11),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12)),
        Visibility = (VideoVisibility)r.GetInt32(13),
        MediaVersion = r.IsDBNull(14) ? null : r.GetString(14),
        Thumbnails = r.IsDBNull(15) ? [] : System.Text.Json.JsonSerializer.Deserialize(r.GetString(15), SqliteJson.Default.IReadOnlyListString) ?? [],
        NearDuplicateOf = r.IsDBNull(16) ? null : r.GetString(16),
        MediaSourceId = r.IsDBNull(17) ? null : r.GetString(17),
    };
}
