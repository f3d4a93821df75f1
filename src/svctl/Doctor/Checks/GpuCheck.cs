using System.Text.Json.Nodes;
using ShortVideo.Gpu;

namespace ShortVideo.Cli.Doctor.Checks;

/// <summary>Reports CUDA devices; none is not a failure, since ranking runs on the CPU path by default.</summary>
internal sealed class GpuCheck(Func<GpuProbeResult>? probe = null) : IDoctorCheck
{
    public string Name => "gpu";

    public Task<CheckResult> RunAsync(CancellationToken cancellationToken)
    {
        var result = (probe ?? GpuProbe.Probe)();
        if (!result.Present)
        {
            return Task.FromResult(CheckResult.Skipped(Name, $"No usable GPU: {result.Reason}. Ranking uses the CPU path."));
        }

        var devices = new JsonArray();
        foreach (var device in result.Devices)
        {
            devices.Add(new JsonObject
            {
                ["name"] = device.Name,
                ["memoryBytes"] = device.TotalMemoryBytes,
                ["computeCapability"] = device.ComputeCapability,
            });
        }

        var described = string.Join("; ", result.Devices.Select(static d =>
            $"{d.Name} ({DataDirectoryCheck.Size(d.TotalMemoryBytes)}, compute {d.ComputeCapability})"));
        var facts = new JsonObject { ["driverVersion"] = result.DriverVersionText, ["devices"] = devices };
        return Task.FromResult(CheckResult.Ok(Name, $"{described}; CUDA driver {result.DriverVersionText}.", facts));
    }
}
