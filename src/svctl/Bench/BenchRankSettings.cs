using ShortVideo.Ranking.Evaluation;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Cli.Bench;

/// <summary>What <c>svctl bench rank</c> was asked to measure (validated by the command).</summary>
internal sealed record BenchRankSettings
{
    public int Items { get; init; } = 1_000_000;

    public int Dim { get; init; } = 64;

    public int K { get; init; } = 100;

    public int Batch { get; init; } = 1;

    public bool Fp16 { get; init; }

    /// <summary>Where retrieval runs (--device): the CPU by default, so figures compare with earlier runs.</summary>
    public RetrievalDevice Device { get; init; } = RetrievalDevice.Cpu;

    /// <summary>The OpenBLAS library of the BLAS reference, a name or a path (--blas-library).</summary>
    public string BlasLibrary { get; init; } = OpenBlas.DefaultLibrary;

    /// <summary>Each timed phase runs at least this long (1 s by default; tests shorten it).</summary>
    public TimeSpan MinimumTime { get; init; } = TimeSpan.FromSeconds(1);
}
