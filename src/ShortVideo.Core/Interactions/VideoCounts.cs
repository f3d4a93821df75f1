namespace ShortVideo.Interactions;

/// <summary>A video's counters (exact once the batched writes are flushed, within a second).</summary>
public readonly record struct VideoCounts(long Views, long Likes, long Comments, long Shares);

/// <summary>A user's counters: followers, followees, and likes their videos received.</summary>
public readonly record struct UserCounts(long Followers, long Following, long Likes);
