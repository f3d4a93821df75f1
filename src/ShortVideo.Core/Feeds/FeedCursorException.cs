namespace ShortVideo.Feeds;

/// <summary>A cursor this server did not give to this viewer, was tampered with, or has expired: answer 400.</summary>
public sealed class FeedCursorException : Exception
{
    /// <summary>The standard sentence.</summary>
    public FeedCursorException()
        : base("cursor is not one this server gave you (or it has expired): pass the nextCursor of the previous page as it is, or no cursor for the first page.")
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
