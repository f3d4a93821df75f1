using System.Security.Cryptography;
using ShortVideo.Catalog;
using ShortVideo.Interactions;
using ShortVideo.Paging;
using ShortVideo.Social;

namespace ShortVideo.Comments;

/// <summary>
/// Comments on videos, one reply level: a reply to a reply joins the thread of its top-level comment (as TikTok and
/// Instagram show them), so a thread is never deeper than one. Comments on a video the viewer may not see do not exist
/// for them; comments by users blocked either way are left out of the lists.
/// </summary>
public sealed class CommentService
{
    private readonly ICommentStore _store;
    private readonly ISocialGraph _graph;
    private readonly BatchedCounters _counters;
    private readonly VisibleVideos _access;
    private readonly TimeProvider _time;

    // The last creation time handed out, in Unix ms: comments of one node get strictly increasing times, so two posted
    // in the same millisecond (a reply right after its parent) list in the order they were written, not by random id.
    private long _lastCreatedMs;

    internal CommentService(ICommentStore store, VisibleVideos videos, ISocialGraph graph, BatchedCounters counters, TimeProvider time)
    {
        _store = store;
        _graph = graph;
        _counters = counters;
        _access = videos;
        _time = time;
    }

    /// <summary>Adds a comment, or a reply when <paramref name="parentId"/> names a comment on the same video.</summary>
    public async ValueTask<CommentResult> AddAsync(VideoViewer viewer, string videoId, string? parentId, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var userId = viewer.UserId ?? throw new ArgumentException("Commenting needs a signed-in user.", nameof(viewer));
        var video = await _access.FindAsync(videoId, viewer, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            return new CommentResult(CommentStatus.NotFound);
        }

        var body = CommentRules.Normalize(text, out var error);
        if (body is null)
        {
            return new CommentResult(CommentStatus.Invalid, error);
        }

        string? threadId = null;
        if (parentId is not null)
        {
            var parent = await _store.GetAsync(parentId, cancellationToken).ConfigureAwait(false);
            if (parent is null || !string.Equals(parent.VideoId, video.Id, StringComparison.Ordinal))
            {
                return new CommentResult(CommentStatus.Invalid, "parentId must be a comment on this video.");
            }

            threadId = parent.ParentId ?? parent.Id;
        }

        var comment = new Comment
        {
            Id = RandomNumberGenerator.GetHexString(20, lowercase: true),
            VideoId = video.Id,
            AuthorId = userId,
            ParentId = threadId,
            Text = body,
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(NextCreatedMs()),
        };
        await _store.AddAsync(comment, cancellationToken).ConfigureAwait(false);
        _counters.AddVideo(video.Id, new VideoCounts(0, 0, 1, 0));
        return new CommentResult(CommentStatus.Created, null, comment, video);
    }

    private long NextCreatedMs()
    {
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        while (true)
        {
            var last = Volatile.Read(ref _lastCreatedMs);
            var next = Math.Max(now, last + 1);
            if (Interlocked.CompareExchange(ref _lastCreatedMs, next, last) == last)
            {
                return next;
            }
        }
    }

    /// <summary>Top-level comments of the video, newest first; null when the video does not exist for the viewer.</summary>
    public async ValueTask<CommentPage?> ListAsync(VideoViewer viewer, string videoId, ListPosition? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var video = await _access.FindAsync(videoId, viewer, cancellationToken).ConfigureAwait(false);
        return video is null ? null : await ListAsync(viewer, video.Id, null, after, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Replies to a top-level comment, oldest first; null when the comment or its video does not exist for the viewer.</summary>
    public async ValueTask<CommentPage?> ListRepliesAsync(VideoViewer viewer, string commentId, ListPosition? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var comment = await _store.GetAsync(commentId, cancellationToken).ConfigureAwait(false);
        if (comment is null || await _access.FindAsync(comment.VideoId, viewer, cancellationToken).ConfigureAwait(false) is null)
        {
            return null;
        }

        return await ListAsync(viewer, comment.VideoId, comment.ParentId ?? comment.Id, after, limit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a comment (and its replies) for its author or the video's creator.</summary>
    public async ValueTask<CommentStatus> DeleteAsync(VideoViewer viewer, string commentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var comment = await _store.GetAsync(commentId, cancellationToken).ConfigureAwait(false);
        var video = comment is null ? null : await _access.FindAsync(comment.VideoId, viewer, cancellationToken).ConfigureAwait(false);
        if (comment is null || video is null)
        {
            return CommentStatus.NotFound;
        }

        if (!CanDelete(comment, video, viewer.UserId))
        {
            return CommentStatus.Forbidden;
        }

        var removed = await _store.DeleteAsync(comment.Id, cancellationToken).ConfigureAwait(false);
        if (removed > 0)
        {
            _counters.AddVideo(video.Id, new VideoCounts(0, 0, -removed, 0));
        }

        return CommentStatus.Deleted;
    }

    /// <summary>Whether <paramref name="userId"/> may delete <paramref name="comment"/> on <paramref name="video"/>: its author or the video's creator.</summary>
    public static bool CanDelete(Comment comment, VideoRecord video, string? userId)
    {
        ArgumentNullException.ThrowIfNull(comment);
        ArgumentNullException.ThrowIfNull(video);
        return userId is not null
            && (string.Equals(comment.AuthorId, userId, StringComparison.Ordinal) || string.Equals(video.CreatorId, userId, StringComparison.Ordinal));
    }

    private async ValueTask<CommentPage> ListAsync(VideoViewer viewer, string videoId, string? parentId, ListPosition? after, int limit, CancellationToken cancellationToken)
    {
        var hidden = viewer.UserId is { } userId
            ? await _graph.BlockedEitherWayAsync(userId, cancellationToken).ConfigureAwait(false)
            : new HashSet<string>();
        return await _store.ListAsync(videoId, parentId, hidden, after, limit, cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>How a comment request ended.</summary>
public enum CommentStatus
{
    /// <summary>Created.</summary>
    Created,

    /// <summary>Deleted.</summary>
    Deleted,

    /// <summary>The video or comment does not exist for the viewer.</summary>
    NotFound,

    /// <summary>The text or parent is not acceptable; nothing was stored.</summary>
    Invalid,

    /// <summary>The viewer sees the comment but may not delete it.</summary>
    Forbidden,
}

/// <summary>The outcome of adding a comment.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Error">Why it was refused, as a sentence.</param>
/// <param name="Comment">The new comment.</param>
/// <param name="Video">The video it is on.</param>
public sealed record CommentResult(CommentStatus Status, string? Error = null, Comment? Comment = null, VideoRecord? Video = null);
