namespace ShortVideo.Blobs;

/// <summary>
/// A blob store whose blobs are files on this machine: the media worker hands ffmpeg the path instead of
/// copying the original into scratch space first.
/// </summary>
internal interface ILocalBlobFiles
{
    /// <summary>The blob's file, or null when it is not stored.</summary>
    string? GetLocalPath(string sha256Hex);
}
