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

    /// <summary>Whether <paramref name="viewerId"/> blocked <paramref name="otherId"/>, and whether <paramref name="otherId"/> blocked the viewer.</summary>
    ValueTask<BlockState> GetBlockStateAsync(string viewerId, string otherId, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="followerId"/> follows <paramref name="followeeId"/> from <paramref name="at"/> on; checked against
    /// blocks in the same write, so a block and a follow racing never leave both.
    /// </summary>
    ValueTask<FollowChange> FollowAsync(string followerId, string followeeId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Ends the follow; true when there was one.</summary>
    ValueTask<bool> UnfollowAsync(string followerId, string followeeId, CancellationToken cancellationToken);

    /// <summary>
    /// <paramref name="blockerId"/> blocks <paramref name="blockedId"/>: the follows between them go, both ways, in the
    /// same write. Says what changed, so counters move by exactly that.
    /// </summary>
    ValueTask<BlockChange> BlockAsync(string blockerId, string blockedId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Bulk import for seeding a node that is not running (<c>svctl seed</c>): adds <paramref name="follows"/> in one
    /// transaction per call, skipping those that exist or that a block forbids, and returns the follows that were
    /// added, so the caller moves the follower and following counts (<c>ICounterStore</c>) by exactly those.
    /// </summary>
    ValueTask<IReadOnlyList<FollowEdge>> ImportFollowsAsync(IReadOnlyList<FollowEdge> follows, CancellationToken cancellationToken);

    /// <summary>Lifts the block; true when there was one. Follows that the block removed do not come back.</summary>
    ValueTask<bool> UnblockAsync(string blockerId, string blockedId, CancellationToken cancellationToken);
}

/// <summary>The blocks between a viewer and another user.</summary>
/// <param name="ViewerBlocked">The viewer blocked the other user.</param>
/// <param name="BlockedViewer">The other user blocked the viewer.</param>
public readonly record struct BlockState(bool ViewerBlocked, bool BlockedViewer)
{
    /// <summary>A block exists in either direction.</summary>
    public bool Any => ViewerBlocked || BlockedViewer;
}

/// <summary>One follow, for <see cref="ISocialGraph.ImportFollowsAsync"/>.</summary>
/// <param name="FollowerId">Who follows.</param>
/// <param name="FolloweeId">Whom they follow.</param>
/// <param name="At">Since when.</param>
public readonly record struct FollowEdge(string FollowerId, string FolloweeId, DateTimeOffset At);

/// <summary>What <see cref="ISocialGraph.FollowAsync"/> did.</summary>
public enum FollowChange
{
    /// <summary>A new follow.</summary>
    Added,

    /// <summary>Already followed: nothing changed.</summary>
    Unchanged,

    /// <summary>A block between the two forbids it: nothing changed.</summary>
    Blocked,
}

/// <summary>What <see cref="ISocialGraph.BlockAsync"/> did.</summary>
/// <param name="Added">A new block (false: it existed already).</param>
/// <param name="RemovedFollow">The blocker's follow of the blocked user was removed.</param>
/// <param name="RemovedFollower">The blocked user's follow of the blocker was removed.</param>
public readonly record struct BlockChange(bool Added, bool RemovedFollow, bool RemovedFollower);
