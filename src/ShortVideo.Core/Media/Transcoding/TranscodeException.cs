namespace ShortVideo.Media.Transcoding;

/// <summary>ffmpeg failed or timed out; the message ends with the last lines it wrote to stderr.</summary>
public sealed class TranscodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TranscodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public TranscodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
