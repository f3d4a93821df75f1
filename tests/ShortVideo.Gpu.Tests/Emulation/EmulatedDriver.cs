using System.Diagnostics;
using System.Runtime.InteropServices;
using ShortVideo.Testing;

namespace ShortVideo.Gpu.Tests.Emulation;

/// <summary>
/// cuda_emulator.cpp built once per test run: a library with libcuda's entry points that runs topk.cu on
/// the CPU, so CudaTopK's whole path (binding, mirror, launches, both phases, id mapping) runs on machines
/// without a GPU. What it cannot show: the PTX JIT, real warp timing and memory ordering, speed.
/// </summary>
internal static unsafe class EmulatedDriver
{
    private static readonly Lazy<string> LazyLibrary = new(Build);
    private static readonly Lazy<nint> Handle = new(() => NativeLibrary.Load(Library));

    /// <summary>The built library's path (builds it on first use; a compile error fails the test).</summary>
    public static string Library => LazyLibrary.Value;

    /// <summary>Kernel launches the emulator has run in this process.</summary>
    public static int Launches
    {
        get
        {
            var count = (delegate* unmanaged<int>)NativeLibrary.GetExport(Handle.Value, "emulator_launch_count");
            return count();
        }
    }

    private static string Build()
    {
        // Beside the test binaries (ignored build output). Built under a private name and renamed over the
        // previous build: a process that still has the old file loaded keeps its pages.
        var directory = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "cuda-emulator")).FullName;
        var library = Path.Combine(directory, "libcuda-emulated.so");
        var output = Path.Combine(directory, $"libcuda-emulated.{Environment.ProcessId}.so");
        var emulation = Path.Combine(RepoPaths.Root, "tests", "ShortVideo.Gpu.Tests", "Emulation");
        var kernels = Path.Combine(RepoPaths.Root, "src", "ShortVideo.Gpu", "Cuda", "Kernels");
        var start = new ProcessStartInfo(Toolchain.ClangPlusPlus)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in new[]
        {
            "-std=c++20", "-O2", "-shared", "-fPIC", "-Wall", "-Wextra", "-Werror", "-DTOPK_EMULATION",
            "-I", emulation, "-I", kernels, Path.Combine(emulation, "cuda_emulator.cpp"), "-o", output,
        })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Building the CUDA emulator failed ({process.ExitCode}):\n{errors.Result}");
        }

        File.Move(output, library, overwrite: true);
        return library;
    }
}

/// <summary>
/// Test classes that drive the emulated driver: its launch counter is process-wide, so they run one at a
/// time (a class counting launches must not see another class's).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EmulatorCollection
{
    public const string Name = "CUDA emulator";
}
