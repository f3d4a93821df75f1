using System.Globalization;
using Microsoft.Extensions.Options;
using ShortVideo.Media.Transcoding;

namespace ShortVideo.Media.Fingerprints;

/// <summary>
/// Computes a <see cref="VideoFingerprint"/> of a local file with an ffmpeg process of its own: the frames of
/// <see cref="FingerprintFrames"/>, piped to us as raw bytes and hashed by <see cref="FrameHasher"/>. The media
/// pipeline takes the same frames from its transcode instead (one decode); this is for a file that is not being
/// transcoded, and the reference the transcode's frames are tested against.
/// </summary>
/// <remarks>
/// Why per-frame pHash and not ffmpeg's MPEG-7 <c>signature</c> filter: the signature filter compares two
/// inputs inside one ffmpeg run (or writes a binary file we would have to parse) and has no index structure of
/// its own, while a 64-bit hash per frame splits into LSH bands a SQLite B-tree can look up, scores with a
/// popcount, and lets us cut letterbox and hash only the centre, which makes small crops harmless.
/// </remarks>
internal sealed class VideoFingerprinter(IOptions<FingerprintOptions> options, IOptions<TranscoderOptions> transcoderOptions)
{
    /// <summary>Fingerprints the video stream of <paramref name="path"/>; throws <see cref="TranscodeException"/> when ffmpeg fails.</summary>
    public async Task<VideoFingerprint> FingerprintAsync(string path, CancellationToken cancellationToken) =>
        (await SampleAsync(path, cancellationToken).ConfigureAwait(false)).ToFingerprint();

    /// <summary>The sampled frames of the video stream of <paramref name="path"/>; throws <see cref="TranscodeException"/> when ffmpeg fails.</summary>
    public async Task<FingerprintFrames> SampleAsync(string path, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var frames = new FingerprintFrames(settings.MaxFrames);
        string[] arguments =
        [
            "-nostdin", "-v", "error", "-i", path, "-map", "0:v:0", "-an", "-sn", "-dn",
            "-vf", frames.Tap.FilterChain,
            "-frames:v", frames.Tap.MaxFrames.ToString(CultureInfo.InvariantCulture),
            "-f", "rawvideo", "-",
        ];
        await FfmpegProcess.RunAsync(transcoderOptions.Value.FfmpegPath, arguments, settings.Timeout, frames.Tap.ReadAsync, cancellationToken).ConfigureAwait(false);
        return frames;
    }
}
