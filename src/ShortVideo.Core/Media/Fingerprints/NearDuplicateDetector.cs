using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ShortVideo.Media.Fingerprints;

/// <summary>
/// The media pipeline's use of fingerprints: the frames to collect from the transcode's decode, the earlier video
/// they copy, and the index entry once the video is published. Advisory: a video without a fingerprint is
/// published all the same.
/// </summary>
internal sealed partial class NearDuplicateDetector(
    IFingerprintIndex index,
    IOptions<FingerprintOptions> options,
    ILogger<NearDuplicateDetector> logger)
{
    /// <summary>A collection for the transcode to fill (<see cref="FingerprintFrames.Tap"/>); null when fingerprints are off.</summary>
    public FingerprintFrames? CollectFrames() => options.Value.Enabled ? new FingerprintFrames(options.Value.MaxFrames) : null;

    /// <summary>The fingerprint of the collected frames (null without them) and the video it nearly duplicates.</summary>
    public async Task<(VideoFingerprint? Fingerprint, NearDuplicateMatch? Match)> InspectAsync(
        string videoId, FingerprintFrames? frames, CancellationToken cancellationToken)
    {
        if (frames is null)
        {
            return (null, null);
        }

        var fingerprint = frames.ToFingerprint();
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Video {VideoId} nearly duplicates {OriginalId} (similarity {Similarity:F2})")]
    private partial void LogNearDuplicate(string videoId, string originalId, double similarity);
}
