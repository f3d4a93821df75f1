namespace ShortVideo.Media.Fingerprints;

/// <summary>An indexed video that a fingerprint matches.</summary>
/// <param name="VideoId">The matching video.</param>
/// <param name="Similarity">
/// Share of the shorter video's sampled frames that match a frame of the other at the best time offset, 0 to 1.
/// </param>
public sealed record NearDuplicateMatch(string VideoId, double Similarity);
