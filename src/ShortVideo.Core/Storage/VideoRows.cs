using System.Data.Common;
using ShortVideo.Catalog;

namespace ShortVideo.Storage;

/// <summary>The videos table's columns and their reading, the same in every metadata engine.</summary>
internal static class VideoRows
{
    /// <summary>Every column, in the order <see cref="Read"/> reads them.</summary>
    public const string Columns =
        "id, creator_id, status, sha256, size_bytes, deduplicated, caption, file_name, content_type, error, duration_ms, upload_id, created_at, visibility, media_version, thumbnails, near_duplicate_of, media_source_id";

    /// <summary>
    /// A creator's newest videos ($1 creator, $2 limit): keyset paging on videos_by_creator_newest, a range scan from
    /// the cursor (no sort, no offset), so a deep page costs what the first one does.
    /// </summary>
    public const string ListNewestSql = $"SELECT {Columns} FROM videos WHERE creator_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2";

    /// <summary>The page after a cursor ($3 created_at, $4 id); the row-value comparison is an index range in both engines.</summary>
    public const string ListAfterSql = $"SELECT {Columns} FROM videos WHERE creator_id = $1 AND (created_at, id) < ($3, $4) ORDER BY created_at DESC, id DESC LIMIT $2";

    /// <summary>Ready public videos newest first ($1 limit), a range of an index of their own in each engine.</summary>
    public const string ListPublicReadySql = $"SELECT {Columns} FROM videos WHERE status = 2 AND visibility = 0 ORDER BY created_at DESC, id DESC LIMIT $1";

    /// <summary>The page after a cursor ($2 created_at, $3 id), as a range of that index.</summary>
    public const string ListPublicReadyAfterSql = $"SELECT {Columns} FROM videos WHERE status = 2 AND visibility = 0 AND (created_at, id) < ($2, $3) ORDER BY created_at DESC, id DESC LIMIT $1";

    /// <summary>Copies of the same bytes in upload order ($1 sha256, $2 limit): a range of videos_by_sha256_created, without sorting them all.</summary>
    public const string ListBySha256Sql = $"SELECT {Columns} FROM videos WHERE sha256 = $1 ORDER BY created_at, id LIMIT $2";

    /// <summary>The query of a creator's page (<see cref="IVideoCatalog.ListByCreatorAsync"/>): one row more than the page, see <see cref="ToPage"/>.</summary>
    public static VideoPageQuery CreatorPage(string creatorId, VideoListCursor? after, int limit)
    {
        ArgumentNullException.ThrowIfNull(creatorId);
        var size = VideoPage.Cap(limit);
        return after is null
            ? new(ListNewestSql, size, [creatorId, size + 1])
            : new(ListAfterSql, size, [creatorId, size + 1, after.CreatedAt.ToUnixTimeMilliseconds(), after.VideoId]);
    }

    /// <summary>The query of a page of ready public videos (<see cref="IVideoCatalog.ListPublicReadyAsync"/>).</summary>
    public static VideoPageQuery PublicReadyPage(VideoListCursor? after, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var size = Math.Min(limit, VideoPage.MaxBulkLimit);
        return after is null
            ? new(ListPublicReadySql, size, [size + 1])
            : new(ListPublicReadyAfterSql, size, [size + 1, after.CreatedAt.ToUnixTimeMilliseconds(), after.VideoId]);
    }

    /// <summary>A keyset page from the rows a <see cref="VideoPageQuery"/> read: one more row than asked says a next page exists.</summary>
    public static VideoPage ToPage(List<VideoRecord> items, int size)
    {
        if (items.Count <= size)
        {
            return new VideoPage { Items = items };
        }

        items.RemoveAt(size);
        return new VideoPage { Items = items, Next = VideoListCursor.After(items[^1]) };
    }

    /// <summary>
    /// A record from a row of <see cref="Columns"/>; <paramref name="thumbnails"/> reads column 15 (not null), whose
    /// type is the engine's own (a JSON text in SQLite, a text array in PostgreSQL).
    /// </summary>
    public static VideoRecord Read(DbDataReader r, Func<DbDataReader, IReadOnlyList<string>> thumbnails) => new()
    {
        Id = r.GetString(0),
        CreatorId = r.GetString(1),
        Status = (VideoStatus)r.GetInt32(2),
        Sha256 = r.GetString(3),
        SizeBytes = r.GetInt64(4),
        Deduplicated = r.GetBoolean(5),
        Caption = r.IsDBNull(6) ? null : r.GetString(6),
        FileName = r.IsDBNull(7) ? null : r.GetString(7),
        ContentType = r.IsDBNull(8) ? null : r.GetString(8),
        Error = r.IsDBNull(9) ? null : r.GetString(9),
        DurationMs = r.IsDBNull(10) ? null : r.GetInt64(10),
        UploadId = r.IsDBNull(11) ? null : r.GetString(11),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(12)),
        Visibility = (VideoVisibility)r.GetInt32(13),
        MediaVersion = r.IsDBNull(14) ? null : r.GetString(14),
        Thumbnails = r.IsDBNull(15) ? [] : thumbnails(r),
        NearDuplicateOf = r.IsDBNull(16) ? null : r.GetString(16),
        MediaSourceId = r.IsDBNull(17) ? null : r.GetString(17),
    };
}

/// <summary>A page's SQL, its size, and the values of its parameters $1, $2, ... in order.</summary>
internal sealed record VideoPageQuery(string Sql, int Size, object[] Values);
