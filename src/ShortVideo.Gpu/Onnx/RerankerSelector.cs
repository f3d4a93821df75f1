using Microsoft.Extensions.Logging;
using ShortVideo.Ranking.Reranking;

namespace ShortVideo.Gpu.Onnx;

/// <summary>
/// Builds the re-ranker that <see cref="RerankerOptions"/> names.
/// </summary>
/// <remarks>
/// Two kinds of trouble, treated differently on purpose. A machine without the ONNX Runtime library is an
/// environment fact (a node image built without it, a developer laptop): the feed still works in retrieval
/// order, so one warning says what to install and the node runs on. A configuration that names a model
/// which is missing, unreadable, malformed or shaped for another dimension is a mistake in what the
/// operator asked for: it throws, so the node fails at startup with the sentence rather than serving feeds
/// silently without the model the operator believes is in use.
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

        var library = options.OnnxRuntimeLibraryPath ?? OnnxRuntime.DefaultLibrary;
        var runtime = OnnxRuntime.TryLoad(library, out var problem);
        if (runtime is null)
        {
            LibraryMissing(logger, problem!);
            return RetrievalOrderReranker.Instance;
        }

        var reranker = OnnxReranker.Load(runtime, options.ModelPath!, dimension, options.IntraOpThreads);
        ModelLoaded(logger, options.ModelPath!, runtime.Version, dimension);
        return reranker;
    }

    [LoggerMessage(1, LogLevel.Warning, "{Problem} Feeds are ranked in retrieval order until it is installed.")]
    private static partial void LibraryMissing(ILogger logger, string problem);

    [LoggerMessage(2, LogLevel.Information, "Re-ranking with ONNX model {ModelPath} on ONNX Runtime {Version} (embedding dimension {Dimension})")]
    private static partial void ModelLoaded(ILogger logger, string modelPath, string version, int dimension);
}
