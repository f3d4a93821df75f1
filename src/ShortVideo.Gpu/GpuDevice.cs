using System.Globalization;

namespace ShortVideo.Gpu;

/// <summary>One CUDA device as the driver reports it.</summary>
/// <param name="Ordinal">The device's index for the CUDA driver (0-based).</param>
/// <param name="Name">Marketing name, for example "NVIDIA H100 80GB HBM3".</param>
/// <param name="TotalMemoryBytes">Device memory in bytes.</param>
/// <param name="ComputeCapabilityMajor">Compute capability major version (9 for Hopper).</param>
/// <param name="ComputeCapabilityMinor">Compute capability minor version.</param>
public sealed record GpuDevice(int Ordinal, string Name, long TotalMemoryBytes, int ComputeCapabilityMajor, int ComputeCapabilityMinor)
{
    /// <summary>Compute capability as "major.minor", for example "9.0".</summary>
    public string ComputeCapability =>
        string.Create(CultureInfo.InvariantCulture, $"{ComputeCapabilityMajor}.{ComputeCapabilityMinor}");
}
