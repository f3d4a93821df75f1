namespace ShortVideo.Cli.Upload;

/// <summary>A server answered with success but broke the tus protocol (no Location, no Upload-Offset...).</summary>
internal sealed class TusProtocolException : Exception
{
    public TusProtocolException(string message)
        : base(message)
    {
    }
}
