namespace ShortVideo.Gpu.Tests;

/// <summary>
/// A fact that needs an NVIDIA GPU: skipped, with the probe's reason, where none is usable. xunit 2 has no
/// dynamic skip, so the attribute decides when tests are discovered. Pair it with [Trait("Category","Gpu")].
/// </summary>
public sealed class GpuFactAttribute : FactAttribute
{
    private static readonly Lazy<GpuProbeResult> Probe = new(GpuProbe.Probe);

    public GpuFactAttribute() => Skip = SkipReason;

    /// <summary>Why GPU tests skip on this machine; null where a GPU is usable.</summary>
    internal static string? SkipReason => Probe.Value.Present ? null : $"No usable NVIDIA GPU: {Probe.Value.Reason}";
}

/// <summary>A theory that needs an NVIDIA GPU; skipped like <see cref="GpuFactAttribute"/>. Pair it with [Trait("Category","Gpu")].</summary>
public sealed class GpuTheoryAttribute : TheoryAttribute
{
    public GpuTheoryAttribute() => Skip = GpuFactAttribute.SkipReason;
}
