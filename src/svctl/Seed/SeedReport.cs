namespace ShortVideo.Cli.Seed;

/// <summary>What <c>svctl seed</c> wrote (also its <c>--json</c> object).</summary>
internal sealed record SeedReport
{
    public required string DataDirectory { get; init; }

    public int Users { get; init; }

    public int Creators { get; init; }

    public int Videos { get; init; }

    public int Follows { get; init; }

    public int Seed { get; init; }

    public double Seconds { get; init; }

    /// <summary>The metadata database with its WAL, in bytes.</summary>
    public long DatabaseBytes { get; init; }

    /// <summary>The private video whose media every seeded video plays; null when they have none.</summary>
    public string? MediaSourceId { get; init; }

    /// <summary>One line on what seeded videos play: the shared clip, or why they have no media.</summary>
    public required string Playback { get; init; }
}
