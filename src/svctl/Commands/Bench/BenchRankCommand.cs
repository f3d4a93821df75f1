using System.CommandLine;
using System.Globalization;
using ShortVideo.Cli.Bench;
using ShortVideo.Ranking.Evaluation;
using ShortVideo.Ranking.Retrieval;

namespace ShortVideo.Cli.Commands.Bench;

internal static class BenchRankCommand
{
    private const int MaxBatch = 4096;

    // The matrix and a bandwidth buffer of the same size live at once; leave the rest of memory to the system.
    private const double MemoryShare = 0.4;

    public static Command Create()
    {
        var items = new Option<int>("--items") { Description = "Items in the seeded random catalog.", DefaultValueFactory = _ => 1_000_000 };
        var dim = new Option<int>("--dim") { Description = "Vector dimension.", DefaultValueFactory = _ => 64 };
        var k = new Option<int>("--k") { Description = "Hits per query.", DefaultValueFactory = _ => 100 };
        var batch = new Option<int>("--batch") { Description = "Queries scored together per call.", DefaultValueFactory = _ => 1 };
        var fp16 = new Option<bool>("--fp16") { Description = "Store the item vectors as fp16." };
        var device = new Option<string>("--device")
        {
            Description = "Where retrieval runs: cpu (SIMD), gpu (CUDA; fails without one) or auto (the GPU when one is usable).",
            DefaultValueFactory = _ => "cpu",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object of figures." };
        var blasLibrary = new Option<string>("--blas-library")
        {
            Description = "The OpenBLAS library the BLAS reference loads, a name or a path.",
            DefaultValueFactory = _ => OpenBlas.DefaultLibrary,
            Hidden = true,
        };
        var seconds = new Option<double>("--seconds") { Description = "Minimum seconds per timed phase.", DefaultValueFactory = _ => 1, Hidden = true };

        var command = new Command("rank", "Time exact top-k retrieval against the memory's read rate, the peak FMA rate, OpenBLAS and a naive scan-and-sort.");
        command.Options.Add(items);
        command.Options.Add(dim);
        command.Options.Add(k);
        command.Options.Add(batch);
        command.Options.Add(fp16);
        command.Options.Add(device);
        command.Options.Add(json);
        command.Options.Add(blasLibrary);
        command.Options.Add(seconds);
        command.SetAction(async (parseResult, ct) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            if (Device(parseResult.GetValue(device)) is not { } where)
            {
                return BenchInvocation.Fail(error, "rank", "--device must be cpu, gpu or auto", BenchInvocation.ExitUsage);
            }

            var settings = new BenchRankSettings
            {
                Items = parseResult.GetValue(items),
                Dim = parseResult.GetValue(dim),
                K = parseResult.GetValue(k),
                Batch = parseResult.GetValue(batch),
                Fp16 = parseResult.GetValue(fp16),
                Device = where,
                BlasLibrary = parseResult.GetValue(blasLibrary) ?? OpenBlas.DefaultLibrary,
                MinimumTime = TimeSpan.FromSeconds(Math.Clamp(parseResult.GetValue(seconds), 0.01, 60)),
            };

            var problem = Validate(settings, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes);
            if (problem is not null)
            {
                return BenchInvocation.Fail(error, "rank", problem, BenchInvocation.ExitUsage);
            }

            return await BenchInvocation.RunAsync(
                "rank",
                (status, cancel) => BenchRankRun.RunAsync(settings, status, cancel),
                parseResult.GetValue(json),
                BenchJsonContext.Default.BenchRankReport,
                BenchRankSummary.Write,
                output,
                error,
                ct);
        });
        return command;
    }

    private static RetrievalDevice? Device(string? value) => value?.ToUpperInvariant() switch
    {
        "CPU" => RetrievalDevice.Cpu,
        "GPU" => RetrievalDevice.Gpu,
        "AUTO" => RetrievalDevice.Auto,
        _ => null,
    };

    internal static string? Validate(BenchRankSettings settings, long availableBytes)
    {
        if (settings.Items < 1)
        {
            return "--items must be at least 1";
        }

        if (settings.Dim is < 1 or > ItemMatrix.MaxDimension)
        {
            return $"--dim must be between 1 and {ItemMatrix.MaxDimension}";
        }

        if (settings.K < 1)
        {
            return "--k must be at least 1";
        }

        if (settings.Batch is < 1 or > MaxBatch)
        {
            return $"--batch must be between 1 and {MaxBatch}";
        }

        var precision = settings.Fp16 ? VectorPrecision.Fp16 : VectorPrecision.Fp32;
        // Catalog + bandwidth buffer + the baseline's score and id arrays.
        var needed = ((double)settings.Items * ItemMatrix.BytesPerItemFor(settings.Dim, precision) * 2) + (settings.Items * 12.0);
        if (needed > availableBytes * MemoryShare)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"--items {settings.Items} x --dim {settings.Dim} needs about {needed / 1e9:0.#} GB but this machine has {availableBytes / 1e9:0.#} GB; use fewer items or a smaller dimension");
        }

        return null;
    }
}
