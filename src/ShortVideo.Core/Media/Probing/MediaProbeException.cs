namespace ShortVideo.Media.Probing;

/// <summary>
/// ffprobe could not be run to completion (not found, timed out). A file ffprobe merely cannot read is
/// not an exception: it is a <see cref="ProbeResult"/> with <see cref="ProbeResult.Readable"/> false.
/// </summary>
internal sealed class MediaProbeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MediaProbeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public MediaProbeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
