namespace ShortVideo.Ranking.Learning;

/// <summary>How the online two-tower learner trains (configuration section <c>Ranking:Learner</c>).</summary>
public sealed class LearnerOptions
{
    /// <summary>Configuration section.</summary>
    public const string SectionName = "Ranking:Learner";

    /// <summary>Adagrad's base learning rate.</summary>
    public float LearningRate { get; set; } = 0.05f;

    /// <summary>Positive examples per training step; each is the others' in-batch negative.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>Recently watched videos pooled into the user tower.</summary>
    public int HistoryLength { get; set; } = 20;

    /// <summary>
    /// Longest an event waits before the learner trains on it, even in a batch that is not full: the bound
    /// behind "an event affects retrieval within one second".
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>A view counts as a positive example from this watch ratio up.</summary>
    public float PositiveWatchRatio { get; set; } = 0.5f;

    /// <summary>A view below this watch ratio is a negative, like a skip.</summary>
    public float NegativeWatchRatio { get; set; } = 0.15f;

    /// <summary>Weight of a completion as a positive example (a view's weight is its watch ratio, at most 1).</summary>
    public float CompleteWeight { get; set; } = 1f;

    /// <summary>Weight of a like.</summary>
    public float LikeWeight { get; set; } = 1.5f;

    /// <summary>Weight of a share: the strongest endorsement.</summary>
    public float ShareWeight { get; set; } = 2f;

    /// <summary>Weight of a follow from the video.</summary>
    public float FollowWeight { get; set; } = 1.5f;

    /// <summary>Weight of a skip's logistic push away from the user.</summary>
    public float SkipWeight { get; set; } = 0.5f;

    /// <summary>Weight of a "not interested" push away from the user: an explicit refusal, so four skips' worth.</summary>
    public float NotInterestedWeight { get; set; } = 2f;

    /// <summary>
    /// Divides the dot products in the in-batch softmax; below 1 sharpens it, so the learner separates
    /// close candidates instead of only pushing the obviously wrong ones down.
    /// </summary>
    public float Temperature { get; set; } = 0.5f;

    /// <summary>Whether in-batch logits are corrected by minus the log of each video's sampling frequency (Yi et al., RecSys 2019).</summary>
    public bool LogQCorrection { get; set; } = true;

    /// <summary>L2 pull towards zero applied to each row a step touches.</summary>
    public float L2 { get; set; } = 1e-4f;

    /// <summary>
    /// Catalog vectors recomputed per training step besides the touched ones, round robin, so a creator's or
    /// hashtag's learned change reaches the creator's other videos without a full pass each step.
    /// </summary>
    public int RefreshPerStep { get; set; } = 512;

    internal void Validate()
    {
        if (!(LearningRate > 0 && float.IsFinite(LearningRate)))
        {
            throw new InvalidOperationException($"Ranking:Learner:LearningRate must be a positive number; it is {LearningRate}.");
        }

        if (BatchSize is < 1 or > 65_536)
        {
            throw new InvalidOperationException($"Ranking:Learner:BatchSize must be between 1 and 65536; it is {BatchSize}.");
        }

        if (HistoryLength is < 0 or > 1_000)
        {
            throw new InvalidOperationException($"Ranking:Learner:HistoryLength must be between 0 and 1000; it is {HistoryLength}.");
        }

        if (FlushInterval <= TimeSpan.Zero || FlushInterval > TimeSpan.FromSeconds(1))
        {
            throw new InvalidOperationException($"Ranking:Learner:FlushInterval must be above zero and at most one second; it is {FlushInterval}.");
        }

        if (!(Temperature > 0 && float.IsFinite(Temperature)))
        {
            throw new InvalidOperationException($"Ranking:Learner:Temperature must be a positive number; it is {Temperature}.");
        }

        foreach (var (name, value) in new[] { ("PositiveWatchRatio", PositiveWatchRatio), ("NegativeWatchRatio", NegativeWatchRatio), ("CompleteWeight", CompleteWeight), ("LikeWeight", LikeWeight), ("ShareWeight", ShareWeight), ("FollowWeight", FollowWeight), ("SkipWeight", SkipWeight), ("NotInterestedWeight", NotInterestedWeight), ("L2", L2) })
        {
            if (!(value >= 0 && float.IsFinite(value)))
            {
                throw new InvalidOperationException($"Ranking:Learner:{name} must be zero or a positive number; it is {value}.");
            }
        }

        if (RefreshPerStep < 0)
        {
            throw new InvalidOperationException($"Ranking:Learner:RefreshPerStep must be zero or more; it is {RefreshPerStep}.");
        }
    }
}
