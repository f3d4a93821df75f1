namespace ShortVideo.Feeds;

/// <summary>A cursor this server did not give to this viewer, was tampered with, or has expired: answer 400.</summary>
public sealed class FeedCursorException : Exception
{
    /// <summary>The one sentence of every refused cursor (<see cref="Paging.ListCursors.Refused"/>).</summary>
    public FeedCursorException()
        : base(Paging.ListCursors.Refused)
    {
    }

    /// <summary>A custom sentence.</summary>
    public FeedCursorException(string message)
        : base(message)
    {
    }

    /// <summary>A custom sentence and cause.</summary>
    public FeedCursorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
