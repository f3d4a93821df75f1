namespace ShortVideo.Ranking.Retrieval;

/// <summary>How an <see cref="ItemMatrix"/> stores its vectors.</summary>
public enum VectorPrecision
{
    /// <summary>IEEE single precision: exact scores, 4 bytes per value.</summary>
    Fp32,

    /// <summary>
    /// IEEE half precision, widened to fp32 inside the kernel: half the bytes to stream, so about twice the
    /// single-query rate where the scan is memory-bound; values are rounded to 11 significant bits.
    /// </summary>
    Fp16,
}
