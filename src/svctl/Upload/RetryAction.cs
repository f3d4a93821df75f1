namespace ShortVideo.Cli.Upload;

/// <summary>What the client does after a failed request.</summary>
internal enum RetryAction
{
    /// <summary>Stop: the request can never succeed as sent (401, 403, 404, 413, 400...).</summary>
    Fail,

    /// <summary>Wait (exponential backoff with jitter), then ask the server for its offset and continue.</summary>
    Backoff,

    /// <summary>Our offset disagrees with the server's (409): ask for its offset at once and continue.</summary>
    Resync,

    /// <summary>The chunk arrived damaged (460 checksum mismatch): send it again.</summary>
    ResendChunk,
}
