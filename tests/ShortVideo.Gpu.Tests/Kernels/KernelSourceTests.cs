using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ShortVideo.Gpu.Retrieval;
using ShortVideo.Testing;

namespace ShortVideo.Gpu.Tests.Kernels;

public sealed partial class KernelSourceTests
{
    private static readonly string KernelDirectory = Path.Combine(RepoPaths.Root, "src", "ShortVideo.Gpu", "Cuda", "Kernels");

    [ClangFact]
    public void The_committed_PTX_is_what_build_ptx_sh_makes_from_topk_cu_today()
    {
        var directory = Directory.CreateTempSubdirectory("shortvideo-ptx-");
        try
        {
            var output = Path.Combine(directory.FullName, "topk.ptx");
            var start = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(Path.Combine(KernelDirectory, "build-ptx.sh"));
            start.ArgumentList.Add(output);
            using var process = Process.Start(start)!;
            var errors = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();

            Assert.True(process.ExitCode == 0, $"build-ptx.sh failed: {errors.Result}");
            Assert.True(
                File.ReadAllBytes(output).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(KernelDirectory, "topk.ptx"))),
                "src/ShortVideo.Gpu/Cuda/Kernels/topk.ptx is stale: run build-ptx.sh and commit topk.ptx with topk.cu.");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_embedded_PTX_is_the_committed_file()
    {
        var embedded = TopKKernels.Ptx();

        Assert.Equal(0, embedded[^1]);
        Assert.True(embedded.AsSpan(0, embedded.Length - 1).SequenceEqual(File.ReadAllBytes(Path.Combine(KernelDirectory, "topk.ptx"))));
    }

    [Fact]
    public void The_PTX_targets_sm_80_with_ISA_7_0_which_drivers_since_CUDA_11_compile_for_newer_GPUs()
    {
        var lines = Ptx().Split('\n').Select(l => l.Trim()).ToArray();

        Assert.Contains(".version 7.0", lines);
        Assert.Contains(".target sm_80", lines);
        Assert.Contains(".address_size 64", lines);
    }

    [Theory]
    [InlineData(TopKKernels.ScanEntry, "u64 u64 u32 u32 u32 u64 u32 u64 u64 u32 u32 u32 u32 u32 u64 u64", TopKKernels.ScanParameters)]
    [InlineData(TopKKernels.MergeEntry, "u64 u64 u32 u64 u32 u32 u64 u64", TopKKernels.MergeParameters)]
    public void The_PTX_declares_each_entry_point_TopKKernels_launches_with_the_parameters_it_passes(string entry, string widths, int count)
    {
        // TopKKernels passes ulong device addresses and int values, in this order (LaunchScan, LaunchMerge).
        var parameters = EntryParameters(Ptx(), entry);

        Assert.Equal(count, parameters.Count);
        Assert.Equal(widths, string.Join(' ', parameters));
    }

    [Fact]
    public void The_PTX_declares_exactly_the_two_entry_points()
    {
        var entries = EntryPattern().Matches(Ptx()).Select(m => m.Groups[1].Value);

        Assert.Equal([TopKKernels.ScanEntry, TopKKernels.MergeEntry], entries);
    }

    [Fact]
    public void Every_kernel_is_built_for_the_256_thread_blocks_TopKKernels_launches()
    {
        var ptx = Ptx();

        Assert.Equal(2, Regex.Count(ptx, $@"\.maxntid {TopKKernels.Threads}, 1, 1"));
    }

    [Fact]
    public void The_kernels_use_no_local_memory_so_the_lane_queues_stay_in_registers()
    {
        // A register array indexed with a value known only at run time lands in local memory (.local), which
        // is DRAM behind the L1; the sorting networks are templates precisely so that this does not happen.
        Assert.DoesNotContain(".local", Ptx(), StringComparison.Ordinal);
    }

    private static string Ptx()
    {
        var bytes = TopKKernels.Ptx();
        return Encoding.ASCII.GetString(bytes, 0, bytes.Length - 1);
    }

    /// <summary>The width (u32, u64) of each parameter of <paramref name="entry"/>, in order.</summary>
    private static List<string> EntryParameters(string ptx, string entry)
    {
        var start = ptx.IndexOf($".visible .entry {entry}(", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no .visible .entry {entry}( in the PTX");
        var end = ptx.IndexOf(')', start);
        return [.. ParameterPattern().Matches(ptx[start..end]).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"\.visible \.entry (\w+)\(")]
    private static partial Regex EntryPattern();

    [GeneratedRegex(@"\.param \.(u32|u64) \w+")]
    private static partial Regex ParameterPattern();
}
