using Microsoft.Extensions.Logging;
using Microsoft.ML.OnnxRuntime;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.Onnx;

/// <summary>
/// Builds the re-ranker that <see cref="RerankerOptions"/> names.
/// </summary>
/// <remarks>
/// Two kinds of trouble, treated differently on purpose. A process without what ONNX Runtime needs is an
/// environment fact (an application that ships no ONNX Runtime native build, a machine without CUDA): the
/// feed still works, so one warning says what is missing and the node runs on, in retrieval order without
/// the native library, on the CPU without CUDA. A configuration that names a model which is missing,
/// unreadable, malformed or shaped for another dimension is a mistake in what the operator asked for: it
/// throws, so the node fails at startup with the sentence rather than serving feeds silently without the
/// model the operator believes is in use.
/// </remarks>
internal static partial class RerankerSelector
{
    public static IReranker Create(RerankerOptions options, int dimension, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();
        if (options.Provider == RerankerProvider.None)
        {
            return RetrievalOrderReranker.Instance;
        }

        var problem = OnnxRuntimeEnvironment.Problem;
        if (problem is not null)
        {
            LibraryMissing(logger, problem);
            return RetrievalOrderReranker.Instance;
        }

        var provider = options.ExecutionProvider;
        OnnxReranker reranker;
        using (var sessionOptions = OnnxRuntimeEnvironment.CreateSessionOptions(options.IntraOpThreads, provider, out var cudaProblem))
        {
            if (cudaProblem is not null)
            {
                CudaUnavailable(logger, cudaProblem);
                provider = RerankerExecutionProvider.Cpu;
            }

            try
            {
                reranker = OnnxReranker.Load(options.ModelPath!, dimension, sessionOptions);
            }
            catch (RerankerException e) when (provider == RerankerExecutionProvider.Cuda && e.InnerException is OnnxRuntimeException cuda)
            {
                // The CUDA provider was added but the session did not start on it (a driver without a usable
                // GPU, say). Loading on the CPU tells the machine's fault from the model's: a model the CPU
                // refuses too throws that sentence.
                reranker = OnnxReranker.Load(options.ModelPath!, dimension, options.IntraOpThreads);
                CudaUnavailable(logger, $"the model's session did not start on it: {cuda.Message}");
                provider = RerankerExecutionProvider.Cpu;
            }
        }

        ModelLoaded(logger, options.ModelPath!, OnnxRuntimeEnvironment.Version, provider, dimension);
        return reranker;
    }

    [LoggerMessage(1, LogLevel.Warning, "{Problem} Feeds are ranked in retrieval order until it is installed.")]
    private static partial void LibraryMissing(ILogger logger, string problem);

    [LoggerMessage(2, LogLevel.Information, "Re-ranking with ONNX model {ModelPath} on ONNX Runtime {Version} ({ExecutionProvider}, embedding dimension {Dimension})")]
    private static partial void ModelLoaded(ILogger logger, string modelPath, string version, RerankerExecutionProvider executionProvider, int dimension);

    [LoggerMessage(3, LogLevel.Warning, "Ranking:Reranker:ExecutionProvider is Cuda, but {Reason}. The re-ranker runs on the CPU.")]
    private static partial void CudaUnavailable(ILogger logger, string reason);
}
