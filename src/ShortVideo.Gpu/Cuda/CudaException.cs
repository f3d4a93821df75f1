using System.Globalization;

namespace ShortVideo.Gpu.Cuda;

/// <summary>A CUDA driver call that failed: the call, the CUresult's name and, for a PTX the JIT rejected, its log.</summary>
internal sealed class CudaException : Exception
{
    public CudaException(string call, int result, string resultName, string? detail = null)
        : base(detail is null
            ? string.Create(CultureInfo.InvariantCulture, $"{call} failed: {resultName}")
            : string.Create(CultureInfo.InvariantCulture, $"{call} failed: {resultName}: {detail}"))
    {
        Result = result;
    }

    /// <summary>The CUresult code (cuda.h).</summary>
    public int Result { get; }
}
