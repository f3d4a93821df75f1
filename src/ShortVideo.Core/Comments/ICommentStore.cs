using ShortVideo.Paging;

namespace ShortVideo.Comments;

/// <summary>Comments and their replies.</summary>
public interface ICommentStore
{
    /// <summary>Stores a new comment; a reply adds one to its parent's reply count in the same write.</summary>
    ValueTask AddAsync(Comment comment, CancellationToken cancellationToken);

    /// <summary>The comment, or null.</summary>
    ValueTask<Comment?> GetAsync(string commentId, CancellationToken cancellationToken);

    /// <summary>Deletes the comment and, for a top-level one, its replies; returns how many comments went (0: none existed).</summary>
    ValueTask<int> DeleteAsync(string commentId, CancellationToken cancellationToken);

    /// <summary>
    /// Top-level comments of <paramref name="videoId"/> newest first (<paramref name="parentId"/> null), or the replies
    /// to <paramref name="parentId"/> oldest first (a conversation reads down), after <paramref name="after"/>, at most
    /// <paramref name="limit"/>; comments by <paramref name="hiddenAuthors"/> are left out.
    /// </summary>
    ValueTask<CommentPage> ListAsync(string videoId, string? parentId, IReadOnlySet<string> hiddenAuthors, ListPosition? after, int limit, CancellationToken cancellationToken);

    /// <summary>Deletes every comment on a deleted video; returns how many went.</summary>
    ValueTask<int> DeleteVideoAsync(string videoId, CancellationToken cancellationToken);
}
