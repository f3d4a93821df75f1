using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Media.Transcoding;

namespace ShortVideo.Media.Fingerprints;

/// <summary>
/// The media pipeline's use of fingerprints: fingerprint the source, find the earlier video it copies, and index
/// it once it is published. Advisory: a fingerprint that cannot be made is logged, never a reason to fail a video.
/// </summary>
internal sealed partial class NearDuplicateDetector(
    VideoFingerprinter fingerprinter,
    IFingerprintIndex index,
    IOptions<FingerprintOptions> options,
    ILogger<NearDuplicateDetector> logger)
{
    /// <summary>The source's fingerprint (null when disabled or ffmpeg failed) and the video it nearly duplicates.</summary>
    public async Task<(VideoFingerprint? Fingerprint, NearDuplicateMatch? Match)> InspectAsync(string videoId, string source, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            return (null, null);
        }

        VideoFingerprint fingerprint;
        try
        {
            fingerprint = await fingerprinter.FingerprintAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (TranscodeException e)
        {
            LogFingerprintFailed(videoId, e.Message);
            return (null, null);
        }

        var match = await index.FindNearDuplicateAsync(fingerprint, videoId, cancellationToken).ConfigureAwait(false);
        if (match is not null)
        {
            LogNearDuplicate(videoId, match.VideoId, match.Similarity);
        }

        return (fingerprint, match);
    }

    /// <summary>Makes the video findable by later uploads.</summary>
    public ValueTask IndexAsync(string videoId, VideoFingerprint? fingerprint, CancellationToken cancellationToken) =>
        fingerprint is null ? ValueTask.CompletedTask : index.AddAsync(videoId, fingerprint, cancellationToken);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Video {VideoId} was not fingerprinted: {Reason}")]
    private partial void LogFingerprintFailed(string videoId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Video {VideoId} nearly duplicates {OriginalId} (similarity {Similarity:F2})")]
    private partial void LogNearDuplicate(string videoId, string originalId, double similarity);
}
