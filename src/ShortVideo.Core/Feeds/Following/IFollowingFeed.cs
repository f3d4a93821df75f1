namespace ShortVideo.Feeds.Following;

/// <summary>The Following feed: what the viewer's followees published, newest first.</summary>
public interface IFollowingFeed
{
    /// <summary>
    /// A page for <paramref name="viewerId"/> after <paramref name="cursor"/> (null: the newest). Throws
    /// <see cref="FeedCursorException"/> for a cursor this server did not give this viewer, and
    /// <see cref="ArgumentOutOfRangeException"/> for a limit outside 1..<see cref="FollowingPage.MaxLimit"/>.
    /// </summary>
    ValueTask<FollowingPage> GetPageAsync(string viewerId, string? cursor, int limit, CancellationToken cancellationToken);
}
