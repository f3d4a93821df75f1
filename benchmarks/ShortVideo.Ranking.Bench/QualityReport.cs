namespace ShortVideo.Ranking.Evaluation;

/// <summary>Recall@50 and NDCG@10 of the learner, the popularity baseline and the oracle in one simulated run.</summary>
internal sealed record QualityReport
{
    public required int Seed { get; init; }

    public required int Dimension { get; init; }

    public required int Events { get; init; }

    public required int Impressions { get; init; }

    public required int Users { get; init; }

    public required int VideosPublished { get; init; }

    public required int EvaluatedUsers { get; init; }

    /// <summary>Evaluated users the learner had no vector for (served the popular fallback).</summary>
    public required int ColdUsers { get; init; }

    public required double RecallAt50 { get; init; }

    public required double PopularityRecallAt50 { get; init; }

    public required double OracleRecallAt50 { get; init; }

    public required double NdcgAt10 { get; init; }

    public required double PopularityNdcgAt10 { get; init; }

    public required double OracleNdcgAt10 { get; init; }

    /// <summary>Learner recall over popularity recall (the target: at least 3).</summary>
    public required double? RecallRatioToPopularity { get; init; }

    public required double TrainingSeconds { get; init; }

    public required double EventsPerSecond { get; init; }

    /// <summary>Mean in-batch softmax loss of the first and the last tenth of the steps: learning shows as a fall.</summary>
    public required double FirstLoss { get; init; }

    /// <inheritdoc cref="FirstLoss"/>
    public required double LastLoss { get; init; }
}
