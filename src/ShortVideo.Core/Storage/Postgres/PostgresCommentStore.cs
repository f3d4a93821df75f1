using ShortVideo.Comments;
using ShortVideo.Paging;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Comments in PostgreSQL, as <c>SqliteCommentStore</c>: paged by (created_at, id) on partial indexes for top-level
/// comments and for replies; a reply and its parent's reply count change in one transaction.
/// </summary>
internal sealed class PostgresCommentStore(PostgresDatabase database) : ICommentStore
{
    private const string Columns = MetadataRows.CommentColumns;

    public async ValueTask AddAsync(Comment comment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(comment);
        await database.BatchAsync(
            [
                "INSERT INTO comments (id, video_id, author_id, parent_id, body, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                "UPDATE comments SET reply_count = reply_count + 1 WHERE id = $4",
            ],
            [comment.Id, comment.VideoId, comment.AuthorId, comment.ParentId, comment.Text, comment.CreatedAt.ToUnixTimeMilliseconds()],
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<Comment?> GetAsync(string commentId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command($"SELECT {Columns} FROM comments WHERE id = $1", commentId);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? MetadataRows.ReadComment(reader) : null;
        }
    }

    public async ValueTask<int> DeleteAsync(string commentId, CancellationToken cancellationToken)
    {
        var rows = await database.BatchAsync(
            [
                "UPDATE comments SET reply_count = reply_count - 1 WHERE id = (SELECT parent_id FROM comments WHERE id = $1)",
                "DELETE FROM comments WHERE id = $1 OR parent_id = $1",
            ],
            [commentId],
            cancellationToken).ConfigureAwait(false);
        return rows[1];
    }

    public async ValueTask<CommentPage> ListAsync(string videoId, string? parentId, IReadOnlySet<string> hiddenAuthors, ListPosition? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hiddenAuthors);
        var replies = parentId is not null;
        var where = replies ? "parent_id = $2" : "video_id = $1 AND parent_id IS NULL";
        var order = replies ? "ASC" : "DESC";
        var position = after is null ? string.Empty : replies ? " AND (created_at, id) > ($5, $6)" : " AND (created_at, id) < ($5, $6)";
        var hidden = hiddenAuthors.Count == 0 ? string.Empty : " AND author_id <> ALL($4)";
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.Command(
                $"SELECT {Columns} FROM comments WHERE {where}{position}{hidden} ORDER BY created_at {order}, id {order} LIMIT $3",
                videoId,
                parentId ?? string.Empty,
                limit + 1,
                hiddenAuthors.ToArray(),
                after?.Key ?? 0L,
                after?.Id ?? string.Empty);
            using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await MetadataRows.ReadCommentPageAsync(reader, limit, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask<int> DeleteVideoAsync(string videoId, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM comments WHERE video_id = $1", cancellationToken, videoId).ConfigureAwait(false);
}
