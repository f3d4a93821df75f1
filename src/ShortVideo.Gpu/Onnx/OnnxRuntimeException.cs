namespace ShortVideo.Gpu.Onnx;

/// <summary>An OrtStatus error from ONNX Runtime, carrying the runtime's own message and error code.</summary>
internal sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException()
    {
    }

    public OnnxRuntimeException(string message)
        : base(message)
    {
    }

    public OnnxRuntimeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OnnxRuntimeException(string message, int errorCode)
        : base(message) => ErrorCode = errorCode;

    /// <summary>OrtErrorCode (2 invalid argument, 7 invalid protobuf, ...); 0 for a check of ours.</summary>
    public int ErrorCode { get; }
}
