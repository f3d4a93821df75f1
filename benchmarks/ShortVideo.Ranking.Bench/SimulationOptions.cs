namespace ShortVideo.Ranking.Evaluation;

/// <summary>The size and seed of a simulated world; the defaults are the quality benchmark's.</summary>
internal sealed record SimulationOptions
{
    public int Seed { get; init; } = 42;

    public int Users { get; init; } = 2_000;

    public int Videos { get; init; } = 5_000;

    /// <summary>Share of the videos published before the first event; the rest arrive evenly over the run.</summary>
    public double InitialVideoShare { get; init; } = 0.6;

    public int Topics { get; init; } = 20;

    public int Creators { get; init; } = 400;

    public int HashtagsPerTopic { get; init; } = 5;

    /// <summary>Interaction events fed to the learner (views, completions, likes, shares, skips, follows).</summary>
    public int Events { get; init; } = 200_000;

    /// <summary>Users whose recommendations are scored at the end.</summary>
    public int EvaluationUsers { get; init; } = 500;

    public int Dimension { get; init; } = 64;

    /// <summary>Simulated time between two impressions (drives popularity decay and freshness).</summary>
    public TimeSpan TimePerImpression { get; init; } = TimeSpan.FromSeconds(1);

    public void Validate()
    {
        if (Users < 1 || Videos < 1 || Topics < 1 || Creators < 1 || HashtagsPerTopic < 1 || Dimension < 1)
        {
            throw new ArgumentException("Users, videos, topics, creators, hashtags per topic and dimension must all be at least 1.");
        }

        if (Events < 0 || EvaluationUsers < 1 || InitialVideoShare is <= 0 or > 1)
        {
            throw new ArgumentException("Events must be zero or more, evaluation users at least 1, and the initial video share in (0, 1].");
        }
    }
}
