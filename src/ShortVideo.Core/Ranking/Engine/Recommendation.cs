namespace ShortVideo.Ranking.Engine;

/// <summary>One video of a recommendation page.</summary>
/// <param name="VideoId">The video.</param>
/// <param name="Score">The score that placed it, comparable only within its <paramref name="Source"/>.</param>
/// <param name="Source">Why it is there.</param>
public readonly record struct Recommendation(long VideoId, float Score, RecommendationSource Source);
