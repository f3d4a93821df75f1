namespace ShortVideo.Feeds.Following;

/// <summary>
/// Bounded per-user inboxes of the Following feed's push side (the embedded default is a SQLite table; Redis sorted
/// sets scale it out). Every write is idempotent: an entry already there stays once.
/// </summary>
public interface IFollowingInbox
{
    /// <summary>Adds <paramref name="entries"/> to the inbox of each of <paramref name="userIds"/>, trimming each to <paramref name="capacity"/> newest entries.</summary>
    ValueTask AddAsync(IReadOnlyCollection<string> userIds, IReadOnlyCollection<InboxEntry> entries, int capacity, CancellationToken cancellationToken);

    /// <summary>The newest entries of <paramref name="userId"/>'s inbox older than <paramref name="before"/> (null: from the top), at most <paramref name="limit"/>.</summary>
    ValueTask<IReadOnlyList<InboxEntry>> ReadAsync(string userId, InboxEntry? before, int limit, CancellationToken cancellationToken);

    /// <summary>Keeps only the <paramref name="capacity"/> newest entries of <paramref name="userId"/>'s inbox.</summary>
    ValueTask TrimAsync(string userId, int capacity, CancellationToken cancellationToken);

    /// <summary>Removes a video from every inbox (deleted, made private).</summary>
    ValueTask RemoveVideoAsync(string videoId, CancellationToken cancellationToken);

    /// <summary>Removes <paramref name="creatorId"/>'s videos from <paramref name="userId"/>'s inbox (unfollow, block).</summary>
    ValueTask RemoveCreatorAsync(string userId, string creatorId, CancellationToken cancellationToken);

    /// <summary>When <paramref name="userId"/>'s inbox was last known complete (null: never): an inbox older than the active window may have missed pushes.</summary>
    ValueTask<DateTimeOffset?> GetCheckedAtAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Records that <paramref name="userId"/>'s inbox is complete as of <paramref name="at"/>.</summary>
    ValueTask SetCheckedAtAsync(string userId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Marks <paramref name="creatorId"/> as a large creator, whose videos are pulled at read time from now on.</summary>
    ValueTask MarkLargeCreatorAsync(string creatorId, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="creatorIds"/> marked large.</summary>
    ValueTask<IReadOnlySet<string>> LargeCreatorsAmongAsync(IReadOnlyCollection<string> creatorIds, CancellationToken cancellationToken);
}
