namespace ShortVideo.Ranking.Learning;

/// <summary>The features of a video the video tower reads: its creator and hashtags.</summary>
/// <param name="VideoId">The video.</param>
/// <param name="CreatorId">Its creator: videos of one creator share the creator's learned embedding.</param>
/// <param name="Hashtags">Its hashtags (case-insensitive, without '#'); may be empty.</param>
/// <param name="PublishedAt">When it became visible, for the exploration's freshness boost.</param>
public sealed record VideoDescriptor(long VideoId, long CreatorId, IReadOnlyList<string> Hashtags, DateTimeOffset PublishedAt);
