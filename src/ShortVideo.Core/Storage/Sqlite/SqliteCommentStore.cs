using ShortVideo.Comments;
using ShortVideo.Paging;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Comments in SQLite, paged by (created_at, id) on partial indexes for top-level comments and for replies.</summary>
internal sealed class SqliteCommentStore(SqliteDatabase database) : ICommentStore
{
    private const string Columns = MetadataRows.CommentColumns;

    public async ValueTask AddAsync(Comment comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO comments (id, video_id, author_id, parent_id, body, created_at) VALUES ($id, $video, $author, $parent, $body, $at);
                UPDATE comments SET reply_count = reply_count + 1 WHERE id = $parent;
                """;
            var p = command.Parameters;
            p.AddWithValue("$id", comment.Id);
            p.AddWithValue("$video", comment.VideoId);
            p.AddWithValue("$author", comment.AuthorId);
            p.AddWithValue("$parent", (object?)comment.ParentId ?? DBNull.Value);
            p.AddWithValue("$body", comment.Text);
            p.AddWithValue("$at", comment.CreatedAt.ToUnixTimeMilliseconds());
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<Comment?> GetAsync(string commentId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM comments WHERE id = $id";
            command.Parameters.AddWithValue("$id", commentId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? MetadataRows.ReadComment(reader) : null;
        }
    }

    public async ValueTask<int> DeleteAsync(string commentId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$id", commentId);
            command.CommandText = """
                UPDATE comments SET reply_count = reply_count - 1 WHERE id = (SELECT parent_id FROM comments WHERE id = $id);
                DELETE FROM comments WHERE id = $id OR parent_id = $id;
                SELECT changes();
                """;
            var removed = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return removed;
        }
    }

    public async ValueTask<CommentPage> ListAsync(string videoId, string? parentId, IReadOnlySet<string> hiddenAuthors, ListPosition? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hiddenAuthors);
        var replies = parentId is not null;
        var where = replies ? "parent_id = $parent" : "video_id = $video AND parent_id IS NULL";
        var order = replies ? "ASC" : "DESC";
        var position = after is null ? string.Empty : replies ? " AND (created_at, id) > ($key, $last)" : " AND (created_at, id) < ($key, $last)";
        var hidden = hiddenAuthors.Count == 0 ? string.Empty : " AND author_id NOT IN (SELECT value FROM json_each($hidden))";
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM comments WHERE {where}{position}{hidden} ORDER BY created_at {order}, id {order} LIMIT $limit";
            var p = command.Parameters;
            p.AddWithValue("$video", videoId);
            p.AddWithValue("$parent", (object?)parentId ?? DBNull.Value);
            p.AddWithValue("$limit", limit + 1);
            if (after is { } a)
            {
                p.AddWithValue("$key", a.Key);
                p.AddWithValue("$last", a.Id);
            }

            if (hiddenAuthors.Count > 0)
            {
                p.AddIdList("$hidden", hiddenAuthors);
            }

            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await MetadataRows.ReadCommentPageAsync(reader, limit, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<int> DeleteVideoAsync(string videoId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM comments WHERE video_id = $video", p => p.AddWithValue("$video", videoId), cancellationToken).ConfigureAwait(false);
}
