namespace ShortVideo.Feeds;

/// <summary>A video the ranking engine holds, under its catalog ids: what the feed needs to filter and space it before reading its record.</summary>
/// <param name="VideoId">The catalog id.</param>
/// <param name="CreatorId">Its creator's user id.</param>
/// <param name="Hashtags">Its hashtags (<see cref="Catalog.Hashtags.Parse"/> of the caption).</param>
internal sealed record CandidateVideo(string VideoId, string CreatorId, IReadOnlyList<string> Hashtags);
