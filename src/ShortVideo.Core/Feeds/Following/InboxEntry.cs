namespace ShortVideo.Feeds.Following;

/// <summary>A video in a follower's inbox, ordered by <paramref name="CreatedAt"/> then <paramref name="VideoId"/>, newest first.</summary>
/// <param name="VideoId">The video.</param>
/// <param name="CreatorId">Its creator (an unfollow or a block removes the creator's entries).</param>
/// <param name="CreatedAt">When the video was created: the feed's order, the same as the creator's own list.</param>
public readonly record struct InboxEntry(string VideoId, string CreatorId, DateTimeOffset CreatedAt);
