using System.Data.Common;
using System.Text.Json;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Uploads;

namespace ShortVideo.Storage;

/// <summary>The uploads table's columns, statements and reading, the same in every metadata engine.</summary>
internal static class UploadRows
{
    /// <summary>Every column, in the order of <see cref="Values"/> and <see cref="Read"/>.</summary>
    public const string Columns = """id, owner_id, length, "offset", kind, raw_metadata, metadata_json, partial_ids, created_at, expires_at, hash_state, store_state, sha256, video_id, completed_at, deduplicated""";

    /// <summary>A new upload ($1 to $16: <see cref="Values"/>).</summary>
    public const string InsertSql = $"INSERT INTO uploads ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";

    /// <summary>Rewrites an upload's record ($1 to $16: <see cref="Values"/>), at every commit of a PATCH.</summary>
    public const string UpdateSql = """
        UPDATE uploads SET owner_id = $2, length = $3, "offset" = $4, kind = $5, raw_metadata = $6,
            metadata_json = $7, partial_ids = $8, created_at = $9, expires_at = $10,
            hash_state = $11, store_state = $12, sha256 = $13, video_id = $14, completed_at = $15, deduplicated = $16
        WHERE id = $1
        """;

    /// <summary>One upload ($1 id).</summary>
    public const string GetSql = $"SELECT {Columns} FROM uploads WHERE id = $1";

    /// <summary>Held uploads expired at $1 (unix ms), oldest first, at most $2: a range of uploads_by_expiry.</summary>
    public const string ListExpiredSql = $"SELECT {Columns} FROM uploads WHERE (completed_at IS NULL OR kind = 1) AND expires_at <= $1 ORDER BY expires_at LIMIT $2";

    /// <summary>The parameter values of <see cref="Columns"/> for <paramref name="upload"/>, SQL NULL as <see cref="DBNull"/>.</summary>
    public static object[] Values(UploadInfo upload) =>
    [
        upload.Id,
        upload.OwnerId,
        upload.Length is { } length ? length : DBNull.Value,
        upload.Offset,
        (int)upload.Kind,
        (object?)upload.RawMetadata ?? DBNull.Value,
        JsonSerializer.Serialize(upload.Metadata, SqliteJson.Default.IReadOnlyDictionaryStringString),
        JsonSerializer.Serialize(upload.PartialIds, SqliteJson.Default.IReadOnlyListString),
        upload.CreatedAt.ToUnixTimeMilliseconds(),
        upload.ExpiresAt.ToUnixTimeMilliseconds(),
        (object?)upload.HashState ?? DBNull.Value,
        (object?)upload.StoreState ?? DBNull.Value,
        (object?)upload.Sha256 ?? DBNull.Value,
        (object?)upload.VideoId ?? DBNull.Value,
        upload.CompletedAt is { } completed ? completed.ToUnixTimeMilliseconds() : DBNull.Value,
        upload.Deduplicated is { } deduplicated ? deduplicated : DBNull.Value,
    ];

    /// <summary>An upload from a row of <see cref="Columns"/>.</summary>
    public static UploadInfo Read(DbDataReader r) => new()
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
        HashState = r.IsDBNull(10) ? null : r.GetFieldValue<byte[]>(10),
        StoreState = r.IsDBNull(11) ? null : r.GetString(11),
        Sha256 = r.IsDBNull(12) ? null : r.GetString(12),
        VideoId = r.IsDBNull(13) ? null : r.GetString(13),
        CompletedAt = r.IsDBNull(14) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(14)),
        Deduplicated = r.IsDBNull(15) ? null : r.GetBoolean(15),
    };

    /// <summary>A byte figure summed as a float (so it never overflows), saturated back into a long.</summary>
    public static long Saturate(double bytes) => bytes >= long.MaxValue ? long.MaxValue : (long)bytes;
}
