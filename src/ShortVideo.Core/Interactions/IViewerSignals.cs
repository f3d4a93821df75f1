namespace ShortVideo.Interactions;

/// <summary>What a viewer did that a feed must respect: likes to mark, videos seen or refused to leave out.</summary>
public interface IViewerSignals
{
    /// <summary>Those of <paramref name="videoIds"/> that <paramref name="viewerId"/> likes (likedByMe; their own write is seen at once).</summary>
    ValueTask<IReadOnlySet<string>> LikedAmongAsync(string viewerId, IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken);

    /// <summary>Videos the viewer marked "not interested".</summary>
    ValueTask<IReadOnlySet<string>> NotInterestedAsync(string viewerId, CancellationToken cancellationToken);

    /// <summary>The viewer's most recently watched videos (views and completes), at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlySet<string>> RecentlyWatchedAsync(string viewerId, int limit, CancellationToken cancellationToken);
}
