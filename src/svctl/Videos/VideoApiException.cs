namespace ShortVideo.Cli.Videos;

/// <summary>A video API request that failed, with the one sentence the user reads.</summary>
internal sealed class VideoApiException : Exception
{
    public VideoApiException(string message, bool transient, Exception? innerException = null)
        : base(message, innerException)
    {
        Transient = transient;
    }

    /// <summary>A later request may succeed (the node is down or restarting, a 5xx); a 401 or a 404 will not.</summary>
    public bool Transient { get; }
}
