namespace ShortVideo.Feeds.ForYou;

/// <summary>A video one of the feed's sources proposes, and why.</summary>
/// <param name="Video">The video, as the ranking catalog knows it.</param>
/// <param name="Reason">The source's reason.</param>
internal sealed record Candidate(CandidateVideo Video, FeedReason Reason);
