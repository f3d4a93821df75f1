namespace ShortVideo.Feeds.Following;

/// <summary>The Following feed: what the viewer's followees published, newest first, each item with reason "following".</summary>
public interface IFollowingFeed
{
    /// <summary>Page size when the client names none.</summary>
    const int DefaultLimit = 10;

    /// <summary>Largest page.</summary>
    const int MaxLimit = 50;

    /// <summary>
    /// A page for <paramref name="viewerId"/> after <paramref name="cursor"/> (null: the newest). Throws
    /// <see cref="FeedCursorException"/> for a cursor this server did not give this viewer, and
    /// <see cref="ArgumentOutOfRangeException"/> for a limit outside 1..<see cref="MaxLimit"/>.
    /// </summary>
    ValueTask<FeedPage> GetPageAsync(string viewerId, string? cursor, int limit, CancellationToken cancellationToken);
}
