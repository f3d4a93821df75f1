namespace ShortVideo.Ranking.Retrieval;

/// <summary>Which processor runs retrieval (<see cref="RetrievalOptions.Device"/>).</summary>
public enum RetrievalDevice
{
    /// <summary>The GPU when one is usable, else the CPU.</summary>
    Auto,

    /// <summary>Always the CPU (SIMD).</summary>
    Cpu,

    /// <summary>The GPU; startup fails with the reason when none is usable.</summary>
    Gpu,
}
