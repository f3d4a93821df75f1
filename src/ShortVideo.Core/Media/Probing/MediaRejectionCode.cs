namespace ShortVideo.Media.Probing;

/// <summary>Why an uploaded file is not accepted as a video.</summary>
internal enum MediaRejectionCode
{
    /// <summary>The file is empty or is not a media file at all.</summary>
    NotMedia,

    /// <summary>The file is media but holds no video stream (audio only).</summary>
    NoVideoStream,

    /// <summary>The video stream has no length (missing or zero duration), e.g. a still image.</summary>
    ZeroDuration,

    /// <summary>The video is longer than <see cref="MediaProbeOptions.MaxDuration"/>.</summary>
    TooLong,

    /// <summary>The video's width or height exceeds <see cref="MediaProbeOptions.MaxDimension"/>.</summary>
    TooLarge,

    /// <summary>The file starts like a media container but cannot be read: truncated or damaged.</summary>
    Corrupt,
}
