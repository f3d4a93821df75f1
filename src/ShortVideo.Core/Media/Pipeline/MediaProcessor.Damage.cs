using Microsoft.Extensions.Logging;
using ShortVideo.Media.Ladder;
using ShortVideo.Media.Transcoding;

namespace ShortVideo.Media.Pipeline;

/// <summary>
/// Telling a damaged source from a failed transcode. ffprobe reads headers only, so a file whose index is intact but
/// whose samples are not (a +faststart MP4 cut short, a file overwritten past its start, a Matroska or MPEG-TS file
/// cut anywhere) passes the probe; only decoding finds it out, and the transcode is the one decode a healthy file gets.
/// </summary>
/// <remarks>
/// Why not cheaper signs: ffprobe's format size is the file's length, not what the index claims; the last packets
/// near the end (-read_intervals) reveal a cut MP4 but not bytes overwritten in the middle; and comparing the
/// renditions' length with the probed one raises false alarms where the container outlasts the video (Matroska
/// has no per-stream duration: 5 s of sound under 4 s of picture probes 5.02 s and transcodes to 4.03 s), while
/// every damaged layout measured (MP4 plain, +faststart and fragmented, MKV, WebM, MPEG-TS; cut at 1%, 60% and
/// 97%, or random from 40% and 90% on) already makes the transcode fail under -xerror or log an error.
/// </remarks>
internal sealed partial class MediaProcessor
{
    /// <summary>
    /// The transcode (its decode feeding <paramref name="tap"/> too), or null when the source is damaged. A transcode
    /// that failed or logged errors has the source decoded alone (<see cref="HlsTranscoder.FindDamageAsync"/>): errors
    /// there are the file's, and the refusal is final; a source that decodes cleanly leaves a failure to the job
    /// queue's retries (a full disk, a killed ffmpeg).
    /// </summary>
    private async Task<TranscodeResult?> TranscodeCheckedAsync(
        string videoId, TranscodeSource input, IReadOnlyList<Rendition> ladder, string output, FrameTap? tap, CancellationToken cancellationToken)
    {
        TranscodeResult result;
        try
        {
            result = await transcoder.TranscodeAsync(input, ladder, output, tap, cancellationToken).ConfigureAwait(false);
        }
        catch (TranscodeException)
        {
            if (await IsDamagedAsync(videoId, input, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            throw;
        }

        if (result.Errors.Count > 0)
        {
            if (await IsDamagedAsync(videoId, input, cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            LogTranscodeErrors(videoId, string.Join(" | ", result.Errors));
        }

        return result;
    }

    private async Task<bool> IsDamagedAsync(string videoId, TranscodeSource input, CancellationToken cancellationToken)
    {
        var damage = await transcoder.FindDamageAsync(input, cancellationToken).ConfigureAwait(false);
        if (damage is not null)
        {
            LogDamaged(videoId, damage);
        }

        return damage is not null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Video {VideoId} is damaged: {Damage}")]
    private partial void LogDamaged(string videoId, string damage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The transcode of video {VideoId} logged errors, but its source decodes cleanly: {Errors}")]
    private partial void LogTranscodeErrors(string videoId, string errors);
}
