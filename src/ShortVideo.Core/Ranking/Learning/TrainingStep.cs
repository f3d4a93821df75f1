namespace ShortVideo.Ranking.Learning;

/// <summary>What one training step did, for tests, logs and the quality benchmark.</summary>
/// <param name="Positives">Distinct (user, video) positive pairs trained with in-batch negatives.</param>
/// <param name="Negatives">Distinct (user, video) pairs pushed apart (skips, short views).</param>
/// <param name="Ignored">Events for videos the engine does not know (not added yet, or removed).</param>
/// <param name="SoftmaxLoss">Mean weighted cross-entropy of the in-batch softmax before the step (NaN with no positives).</param>
internal readonly record struct TrainingStep(int Positives, int Negatives, int Ignored, double SoftmaxLoss);
