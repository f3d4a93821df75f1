using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.Onnx;

/// <summary>
/// ONNX Runtime as this process has it: whether its native library loads, its version, and the session
/// options the re-ranker runs with (threads, and the CUDA execution provider where it can be added).
/// </summary>
/// <remarks>
/// ShortVideo.Gpu references only Microsoft.ML.OnnxRuntime.Managed, the API; the application chooses the
/// native build by referencing Microsoft.ML.OnnxRuntime (CPU) or Microsoft.ML.OnnxRuntime.Gpu.Linux (CUDA and
/// CPU). Both ship runtimes/linux-x64/native/libonnxruntime.so: with 1.32.0, an application that gets both
/// ends up with the CPU build in bin and the CUDA provider's library beside it, so adding the CUDA provider
/// fails (EntryPointNotFoundException). Were this library to bring the CPU package, every CUDA application
/// would get exactly that; so the choice stays with the application.
/// </remarks>
internal static class OnnxRuntimeEnvironment
{
    /// <summary>What an application without a native build must add, for the sentences that say so.</summary>
    public const string InstallHint =
        "the application must reference the NuGet package Microsoft.ML.OnnxRuntime 1.32.0 (CPU) or Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32.0 (CUDA); " +
        "ShortVideo.Gpu brings only ONNX Runtime's managed API (Microsoft.ML.OnnxRuntime.Managed)";

    private const string CudaProviderName = "CUDAExecutionProvider";

    // What libonnxruntime_providers_cuda.so of Microsoft.ML.OnnxRuntime.Gpu.Linux 1.32.0 links against
    // (readelf -d, NEEDED): CUDA 13's runtime libraries and the driver's libcuda.so.1. ONNX Runtime's own
    // exception says only "Failed to load shared library"; naming the missing ones tells the operator why.
    private static readonly string[] CudaLibraries = ["libcudart.so.13", "libcublas.so.13", "libcublasLt.so.13", "libcurand.so.10", "libcuda.so.1"];

    private static readonly Lazy<string?> LazyProblem = new(FindProblem);

    /// <summary>
    /// Null when ONNX Runtime's native library is loaded and usable; otherwise a sentence saying what the
    /// application must add. Decided once: .NET remembers a failed native load for the life of the process.
    /// </summary>
    public static string? Problem => LazyProblem.Value;

    /// <summary>The native library's version ("1.32.0").</summary>
    public static string Version => OrtEnv.Instance().GetVersionString();

    /// <summary>
    /// Options for a re-ranker session: <paramref name="intraOpThreads"/> threads per run and, with
    /// <paramref name="provider"/> Cuda, the CUDA execution provider on GPU 0. Where that provider cannot
    /// be added, <paramref name="cudaProblem"/> says why and the options run on the CPU.
    /// </summary>
    public static SessionOptions CreateSessionOptions(int intraOpThreads, RerankerExecutionProvider provider, out string? cudaProblem)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpThreads, 1);
        var options = new SessionOptions { IntraOpNumThreads = intraOpThreads };
        cudaProblem = provider == RerankerExecutionProvider.Cuda ? TryAppendCuda(options) : null;
        return options;
    }

    private static string? TryAppendCuda(SessionOptions options)
    {
        var providers = OrtEnv.Instance().GetAvailableProviders();
        if (Array.IndexOf(providers, CudaProviderName) < 0)
        {
            return $"this application ships a build of ONNX Runtime {Version} without it (execution providers: {string.Join(", ", providers)}): " +
                "reference Microsoft.ML.OnnxRuntime.Gpu.Linux instead of Microsoft.ML.OnnxRuntime";
        }

        try
        {
            options.AppendExecutionProvider_CUDA(0);
            return null;
        }
        catch (OnnxRuntimeException e)
        {
            var missing = MissingCudaLibraries();
            return missing.Count == 0
                ? $"ONNX Runtime could not add its CUDA execution provider: {e.Message}"
                : $"ONNX Runtime could not add its CUDA execution provider ({e.Message}): {string.Join(", ", missing)} not found; it needs CUDA 13 and the NVIDIA driver";
        }
    }

    private static List<string> MissingCudaLibraries()
    {
        var missing = new List<string>();
        if (!OperatingSystem.IsLinux())
        {
            return missing;
        }

        foreach (var library in CudaLibraries)
        {
            if (NativeLibrary.TryLoad(library, out var handle))
            {
                NativeLibrary.Free(handle);
            }
            else
            {
                missing.Add(library);
            }
        }

        return missing;
    }

    private static string? FindProblem()
    {
        try
        {
            CreateQuietEnvironment();
            return null;
        }
        catch (TypeInitializationException e)
        {
            // ONNX Runtime binds its native library in a static constructor: the loader's reason is innermost.
            Exception reason = e;
            while (reason.InnerException is not null)
            {
                reason = reason.InnerException;
            }

            return $"ONNX Runtime's native library could not be loaded ({FirstSentence(reason.Message)}): {InstallHint}.";
        }
    }

    /// <summary>
    /// Creates the process's ONNX Runtime environment, unless the application already has, with ONNX Runtime's
    /// own logger at FATAL: every failure reaches us as an exception and becomes one of our sentences, so the
    /// runtime printing it to stderr as well would only say it twice, outside the host's logging.
    /// </summary>
    private static void CreateQuietEnvironment()
    {
        if (OrtEnv.IsCreated)
        {
            return;
        }

        var options = new EnvironmentCreationOptions { logId = "shortvideo", logLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL };
        try
        {
            OrtEnv.CreateInstanceWithOptions(ref options);
        }
        catch (OnnxRuntimeException) when (OrtEnv.IsCreated)
        {
            // The application created it between the check and here ("singleton instance already exists"): its options stand.
        }
    }

    /// <summary>"Unable to load shared library 'onnxruntime' or one of its dependencies", without .NET's advice and the paths it tried.</summary>
    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return (end < 0 ? message : message[..end]).TrimEnd('.', ' ', '\n');
    }
}
