namespace ShortVideo.Comments;

/// <summary>A comment on a video, or a reply to one (one level: a reply's <see cref="ParentId"/> is always a top-level comment).</summary>
public sealed record Comment
{
    /// <summary>Opaque comment id.</summary>
    public required string Id { get; init; }

    /// <summary>The video commented on.</summary>
    public required string VideoId { get; init; }

    /// <summary>Who wrote it.</summary>
    public required string AuthorId { get; init; }

    /// <summary>The top-level comment this replies to; null for a top-level comment.</summary>
    public string? ParentId { get; init; }

    /// <summary>The text (<see cref="CommentRules"/>).</summary>
    public required string Text { get; init; }

    /// <summary>When it was written.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>How many replies it has (top-level comments).</summary>
    public long ReplyCount { get; init; }
}

/// <summary>One page of comments, and where the next one starts (null on the last page).</summary>
/// <param name="Items">The comments, in list order.</param>
/// <param name="Next">The position after the last one, when there are more.</param>
public sealed record CommentPage(IReadOnlyList<Comment> Items, Paging.ListPosition? Next);
