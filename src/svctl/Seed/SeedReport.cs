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

    /// <summary>Why seeded videos have no playback (no media is encoded for them).</summary>
    public required string Playback { get; init; }
}
