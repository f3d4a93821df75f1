namespace ShortVideo.Gpu.Tests;

/// <summary>
/// A fact that needs an NVIDIA GPU: skipped, with the probe's reason, where none is usable. xunit 2 has no
/// dynamic skip, so the attribute decides when tests are discovered. Pair it with [Trait("Category","Gpu")].
/// </summary>
public sealed class GpuFactAttribute : FactAttribute
{
    private static readonly Lazy<GpuProbeResult> Probe = new(GpuProbe.Probe);

    public GpuFactAttribute()
    {
        if (!Probe.Value.Present)
        {
            Skip = $"No usable NVIDIA GPU: {Probe.Value.Reason}";
        }
    }
}
