namespace ShortVideo.Cli.Seed;

/// <summary>What <c>svctl seed</c> makes: how many users and videos, from which random seed.</summary>
internal sealed record SeedSettings
{
    /// <summary>Most users a seed makes (the world's creator table and follow counts live in memory).</summary>
    public const int MaxUsers = 2_000_000;

    /// <summary>Most videos a seed makes (about 1 KB of database each).</summary>
    public const int MaxVideos = 20_000_000;

    public int Users { get; init; } = 1000;

    public int Videos { get; init; } = 10_000;

    public int Seed { get; init; } = 1;

    /// <summary>One line saying what is wrong with the settings, or null.</summary>
    public string? Problem() => this switch
    {
        { Users: < 1 or > MaxUsers } => $"--users must be between 1 and {MaxUsers}",
        { Videos: < 1 or > MaxVideos } => $"--videos must be between 1 and {MaxVideos}",
        _ => null,
    };
}
