using System.Globalization;

namespace ShortVideo.Gpu;

/// <summary>What <see cref="GpuProbe.Probe()"/> found: CUDA devices, or a sentence saying why there are none.</summary>
/// <param name="Present">True when the CUDA driver initialised and reports at least one device.</param>
/// <param name="DriverVersion">The driver's CUDA version as the driver API encodes it (12040 for 12.4); 0 when unknown.</param>
/// <param name="Devices">The devices; empty when none is usable.</param>
/// <param name="Reason">Why no GPU is usable ("libcuda.so.1 not found (no NVIDIA driver)"); null when present.</param>
public sealed record GpuProbeResult(bool Present, int DriverVersion, IReadOnlyList<GpuDevice> Devices, string? Reason)
{
    /// <summary>The driver's CUDA version as "major.minor" ("12.4"), or null when unknown.</summary>
    public string? DriverVersionText => DriverVersion <= 0
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"{DriverVersion / 1000}.{DriverVersion % 1000 / 10}");

    internal static GpuProbeResult Absent(string reason, int driverVersion = 0) => new(false, driverVersion, [], reason);
}
