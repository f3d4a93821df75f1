using System.Text.Json;
using ShortVideo.Cli.Bench;
using ShortVideo.Cli.Commands.Bench;
using ShortVideo.Gpu;
using svctl.Tests.Upload;

namespace svctl.Tests.Bench;

public sealed class BenchRankCommandTests
{
    [Theory]
    [InlineData("--items", "0", "--items must be at least 1")]
    [InlineData("--dim", "0", "--dim must be between 1 and 4096")]
    [InlineData("--dim", "4097", "--dim must be between 1 and 4096")]
    [InlineData("--k", "-1", "--k must be at least 1")]
    [InlineData("--batch", "0", "--batch must be between 1 and 4096")]
    [InlineData("--device", "tpu", "--device must be cpu, gpu or auto")]
    public async Task Bad_input_is_one_readable_line_and_exit_code_2(string option, string value, string expected)
    {
        var outcome = await CommandRunner.RunAsync(BenchRankCommand.Create(), "rank", option, value, "--json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.Empty(outcome.Stdout);
        Assert.Equal($"svctl bench rank: {expected}", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public async Task A_catalog_too_large_for_memory_is_one_readable_line_and_exit_code_2()
    {
        var outcome = await CommandRunner.RunAsync(BenchRankCommand.Create(), "rank", "--items", "2000000000", "--dim", "4096", "--json");

        Assert.Equal(2, outcome.ExitCode);
        Assert.StartsWith("svctl bench rank: --items 2000000000 x --dim 4096 needs about", Assert.Single(outcome.StderrLines));
    }

    [Fact]
    public void The_memory_check_counts_the_catalog_twice_and_the_baseline_arrays()
    {
        var settings = new BenchRankSettings { Items = 1_000_000, Dim = 64 };

        Assert.Null(BenchRankCommand.Validate(settings, availableBytes: 2_000_000_000));
        Assert.NotNull(BenchRankCommand.Validate(settings, availableBytes: 1_000_000_000));
    }

    [Theory]
    [InlineData("1", false)]
    [InlineData("16", true)]
    public async Task A_small_catalog_reports_every_figure_with_sane_values(string batch, bool fp16)
    {
        string[] args = ["rank", "--items", "20000", "--dim", "32", "--k", "10", "--batch", batch, "--seconds", "0.05", "--json"];
        var outcome = await CommandRunner.RunAsync(BenchRankCommand.Create(), fp16 ? [.. args, "--fp16"] : args);

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        Assert.Empty(outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var root = json.RootElement;
        foreach (var figure in new[] { "queriesPerSecond", "scannedGBps", "memoryGBps", "bandwidthFraction", "gflops", "baselineQueriesPerSecond", "speedup" })
        {
            Assert.True(root.GetProperty(figure).GetDouble() > 0, figure);
        }

        Assert.Equal(batch != "1", root.TryGetProperty("peakGflops", out var peak));
        if (batch != "1")
        {
            Assert.True(peak.GetDouble() > root.GetProperty("gflops").GetDouble());
            Assert.InRange(root.GetProperty("peakFraction").GetDouble(), 0, 1);
        }

        var queriesPerSecond = root.GetProperty("queriesPerSecond").GetDouble();
        Assert.Equal(2.0 * 20000 * 32 * queriesPerSecond / 1e9, root.GetProperty("gflops").GetDouble(), 6);
        Assert.Equal(20000, root.GetProperty("items").GetInt32());
        Assert.Equal(32, root.GetProperty("dim").GetInt32());
        Assert.Equal(10, root.GetProperty("k").GetInt32());
        Assert.Equal(int.Parse(batch), root.GetProperty("batch").GetInt32());
        Assert.Equal(fp16, root.GetProperty("fp16").GetBoolean());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("threads").GetInt32());
        Assert.True(root.GetProperty("verified").GetBoolean());
        Assert.Equal("CPU (SIMD)", root.GetProperty("backend").GetString());
    }

    [Theory]
    [InlineData("1", "cblas_sgemv")]
    [InlineData("16", "cblas_sgemm")]
    public async Task OpenBLAS_is_timed_on_the_same_rows_in_the_same_run_and_agrees(string batch, string routine)
    {
        // Dimension 100 pads rows to 112 values: BLAS reads them in place with that row stride.
        var outcome = await CommandRunner.RunAsync(
            BenchRankCommand.Create(), "rank", "--items", "20000", "--dim", "100", "--k", "10", "--batch", batch, "--seconds", "0.05", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var root = json.RootElement;
        var reference = root.GetProperty("blasReference").GetString();
        Assert.StartsWith("OpenBLAS ", reference, StringComparison.Ordinal);
        Assert.Contains(routine, reference, StringComparison.Ordinal);
        var blas = root.GetProperty("blasQueriesPerSecond").GetDouble();
        Assert.True(blas > 0);
        Assert.Equal(root.GetProperty("queriesPerSecond").GetDouble() / blas, root.GetProperty("ratioToBlas").GetDouble(), 9);
        Assert.True(root.GetProperty("blasVerified").GetBoolean());
    }

    [Theory]
    [InlineData("/nonexistent/libopenblas.so.0", false, "not measured (/nonexistent/libopenblas.so.0 not found; apt-get install libopenblas0)")]
    [InlineData("libc.so.6", false, "not measured (libc.so.6 has no cblas_sgemv, so it is not OpenBLAS)")]
    [InlineData("libopenblas.so.0", true, "not measured (fp16 rows; cblas_sgemv reads fp32)")]
    public async Task Without_a_usable_OpenBLAS_the_reference_is_reported_not_measured_with_the_reason(string library, bool fp16, string expected)
    {
        string[] args = ["rank", "--items", "5000", "--dim", "32", "--k", "10", "--seconds", "0.05", "--blas-library", library];

        var json = await CommandRunner.RunAsync(BenchRankCommand.Create(), fp16 ? [.. args, "--json", "--fp16"] : [.. args, "--json"]);
        var table = await CommandRunner.RunAsync(BenchRankCommand.Create(), fp16 ? [.. args, "--fp16"] : args);

        Assert.True(json.ExitCode == 0, json.Stderr);
        using var document = JsonDocument.Parse(Assert.Single(json.StdoutLines));
        Assert.Equal(expected, document.RootElement.GetProperty("blasReference").GetString());
        Assert.False(document.RootElement.TryGetProperty("blasQueriesPerSecond", out _));
        Assert.False(document.RootElement.TryGetProperty("ratioToBlas", out _));
        Assert.True(document.RootElement.GetProperty("queriesPerSecond").GetDouble() > 0);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("not measured", table.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("ratio to BLAS", table.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Device_gpu_runs_on_the_GPU_or_fails_in_one_line_saying_why_there_is_none()
    {
        // The test reads the machine, so it asserts the right thing on a GPU machine too.
        var probe = GpuProbe.Probe();

        var outcome = await CommandRunner.RunAsync(
            BenchRankCommand.Create(), "rank", "--items", "5000", "--dim", "32", "--k", "10", "--device", "gpu", "--seconds", "0.05", "--json");

        if (probe.Present)
        {
            Assert.True(outcome.ExitCode == 0, outcome.Stderr);
            using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
            Assert.StartsWith("GPU (CUDA, ", json.RootElement.GetProperty("backend").GetString(), StringComparison.Ordinal);
            Assert.True(json.RootElement.GetProperty("verified").GetBoolean());
        }
        else
        {
            Assert.Equal(1, outcome.ExitCode);
            Assert.Empty(outcome.Stdout);
            Assert.Equal($"svctl bench rank: --device gpu but no GPU can run retrieval: {probe.Reason}", Assert.Single(outcome.StderrLines));
        }
    }

    [Fact]
    public async Task Device_auto_reports_the_backend_the_machine_has()
    {
        var outcome = await CommandRunner.RunAsync(
            BenchRankCommand.Create(), "rank", "--items", "5000", "--dim", "32", "--k", "10", "--device", "auto", "--seconds", "0.05", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Stderr);
        using var json = JsonDocument.Parse(Assert.Single(outcome.StdoutLines));
        var backend = json.RootElement.GetProperty("backend").GetString();
        Assert.StartsWith(GpuProbe.Probe().Present ? "GPU (CUDA, " : "CPU (SIMD)", backend, StringComparison.Ordinal);
    }
}
