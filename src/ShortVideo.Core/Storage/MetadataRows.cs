using System.Data.Common;
using ShortVideo.Comments;
using ShortVideo.Paging;
using ShortVideo.Social;

namespace ShortVideo.Storage;

/// <summary>The rows of users and comments as every metadata engine stores them (times in Unix milliseconds).</summary>
internal static class MetadataRows
{
    /// <summary>The columns <see cref="ReadUser"/> reads, in order.</summary>
    public const string UserColumns = "id, handle, display_name, bio, avatar_video_id, created_at, last_active_at";

    /// <summary>The columns <see cref="ReadComment"/> reads, in order.</summary>
    public const string CommentColumns = "id, video_id, author_id, parent_id, body, created_at, reply_count";

    public static UserProfile ReadUser(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        Handle = r.GetString(1),
        DisplayName = r.GetString(2),
        Bio = r.GetString(3),
        AvatarVideoId = r.IsDBNull(4) ? null : r.GetString(4),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
        LastActiveAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(6)),
    };

    public static Comment ReadComment(DbDataReader r) => new()
    {
        Id = r.GetString(0),
        VideoId = r.GetString(1),
        AuthorId = r.GetString(2),
        ParentId = r.IsDBNull(3) ? null : r.GetString(3),
        Text = r.GetString(4),
        CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(5)),
        ReplyCount = r.GetInt64(6),
    };

    /// <summary>
    /// The page of the first <paramref name="limit"/> of <paramref name="reader"/>'s comments, read with one more
    /// than the limit: that extra row says whether there is a next page.
    /// </summary>
    public static async Task<CommentPage> ReadCommentPageAsync(DbDataReader reader, int limit, CancellationToken cancellationToken)
    {
        var items = new List<Comment>(limit + 1);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(ReadComment(reader));
        }

        if (items.Count <= limit)
        {
            return new CommentPage(items, null);
        }

        items.RemoveAt(limit);
        return new CommentPage(items, new ListPosition(items[^1].CreatedAt.ToUnixTimeMilliseconds(), items[^1].Id));
    }
}
