namespace ShortVideo.Social;

/// <summary>Who follows and who blocks whom. A block removes follows both ways and forbids new ones.</summary>
public interface ISocialGraph
{
    /// <summary>Those of <paramref name="userIds"/> that <paramref name="viewerId"/> follows (followedByMe).</summary>
    ValueTask<IReadOnlySet<string>> FollowedAmongAsync(string viewerId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken);

    /// <summary>Whom <paramref name="userId"/> follows, most recent first, at most <paramref name="limit"/> (the Following feed's pull side).</summary>
    ValueTask<IReadOnlyList<string>> ListFolloweeIdsAsync(string userId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Followers of <paramref name="creatorId"/> active since <paramref name="activeSince"/> (<see cref="UserProfile.LastActiveAt"/>),
    /// at most <paramref name="limit"/>: the inboxes a new video is pushed to.
    /// </summary>
    ValueTask<IReadOnlyList<string>> ListActiveFollowerIdsAsync(string creatorId, DateTimeOffset activeSince, int limit, CancellationToken cancellationToken);

    /// <summary>Users <paramref name="viewerId"/> blocked and users who blocked <paramref name="viewerId"/>: none of them may appear to the viewer.</summary>
    ValueTask<IReadOnlySet<string>> BlockedEitherWayAsync(string viewerId, CancellationToken cancellationToken);
}
