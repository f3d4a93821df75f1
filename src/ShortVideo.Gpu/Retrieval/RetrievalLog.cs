using Microsoft.Extensions.Logging;

namespace ShortVideo.Gpu.Retrieval;

internal static partial class RetrievalLog
{
    [LoggerMessage(1, LogLevel.Information, "Ranking retrieval runs on the CPU (SIMD): {Reason}")]
    public static partial void RunsOnCpu(ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Information, "Ranking retrieval runs on the {Backend}; k above {MaxK} runs on the CPU")]
    public static partial void RunsOnGpu(ILogger logger, string backend, int maxK);
}
