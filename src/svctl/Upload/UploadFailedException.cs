namespace ShortVideo.Cli.Upload;

/// <summary>An upload that cannot go on; the message is one sentence for the user, never a stack trace.</summary>
internal sealed class UploadFailedException : Exception
{
    public UploadFailedException(string message)
        : base(message)
    {
    }

    public UploadFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
