namespace ShortVideo.Cli.Bench;

/// <summary>
/// The one JSON object of <c>svctl bench rank --json</c>. GB are 10^9 bytes; absent figures are omitted. The
/// ceilings (memory GB/s, peak GFLOP/s) are the host CPU's, so with a GPU backend the fractions exceed 1.
/// </summary>
internal sealed record BenchRankReport
{
    public double QueriesPerSecond { get; init; }

    /// <summary>Bytes of item vectors streamed per second: the whole matrix once per query, or once per batch.</summary>
    public double ScannedGBps { get; init; }

    /// <summary>A parallel Vector512 sum over a buffer of the matrix's size, on as many threads.</summary>
    public double MemoryGBps { get; init; }

    public double BandwidthFraction { get; init; }

    /// <summary>2 x items x dim x queries/s.</summary>
    public double Gflops { get; init; }

    /// <summary>Register-only Vector512 FMA rate over all threads; only with --batch above 1.</summary>
    public double? PeakGflops { get; init; }

    public double? PeakFraction { get; init; }

    /// <summary>One thread, scalar dot products into a full score array, then Array.Sort.</summary>
    public double BaselineQueriesPerSecond { get; init; }

    public double Speedup { get; init; }

    /// <summary>
    /// What the BLAS reference ran (OpenBLAS build, cblas_sgemv or cblas_sgemm per segment, threads), or
    /// "not measured (why)" when OpenBLAS is not installed or the rows are fp16.
    /// </summary>
    public string BlasReference { get; init; } = string.Empty;

    /// <summary>
    /// Queries per second of the BLAS reference: the same rows scored by OpenBLAS into an array, then a k-heap,
    /// on the same worker threads (one BLAS thread each), timed in calls alternating with ours.
    /// </summary>
    public double? BlasQueriesPerSecond { get; init; }

    /// <summary>Ours over the BLAS reference (queries/s); above 1 is faster.</summary>
    public double? RatioToBlas { get; init; }

    /// <summary>Top-k of the first query agreed with the BLAS reference's (ids in order, up to near-ties).</summary>
    public bool? BlasVerified { get; init; }

    public int Items { get; init; }

    public int Dim { get; init; }

    public int K { get; init; }

    public int Batch { get; init; }

    public bool Fp16 { get; init; }

    public int Threads { get; init; }

    public long BytesPerItem { get; init; }

    /// <summary>Where retrieval ran, for example "CPU (SIMD)" or "GPU (CUDA, NVIDIA H100 80GB HBM3, compute capability 9.0)".</summary>
    public string Backend { get; init; } = string.Empty;

    /// <summary>Top-k of the first query agreed with the baseline's (ids in order, up to near-ties).</summary>
    public bool Verified { get; init; }
}
