using System.Globalization;
using Microsoft.Extensions.Options;
using ShortVideo.Media.Transcoding;

namespace ShortVideo.Media.Fingerprints;

/// <summary>
/// Computes a <see cref="VideoFingerprint"/> of a local file with one ffmpeg process: 2 frames a second, each
/// scaled to 64×64 grayscale and piped to us as raw bytes, hashed by <see cref="FrameHasher"/>.
/// </summary>
/// <remarks>
/// Why per-frame pHash and not ffmpeg's MPEG-7 <c>signature</c> filter: the signature filter compares two
/// inputs inside one ffmpeg run (or writes a binary file we would have to parse) and has no index structure of
/// its own, while a 64-bit hash per frame splits into LSH bands a SQLite B-tree can look up, scores with a
/// popcount, and lets us cut letterbox and hash only the centre, which makes small crops harmless. Sampling
/// by time (fps filter) rather than by frame number makes the fingerprint independent of the frame rate.
/// </remarks>
internal sealed class VideoFingerprinter(IOptions<FingerprintOptions> options, IOptions<TranscoderOptions> transcoderOptions)
{
    /// <summary>Fingerprints the video stream of <paramref name="path"/>; throws <see cref="TranscodeException"/> when ffmpeg fails.</summary>
    public async Task<VideoFingerprint> FingerprintAsync(string path, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var side = FrameHasher.FrameSide.ToString(CultureInfo.InvariantCulture);
        string[] arguments =
        [
            "-nostdin", "-v", "error", "-i", path, "-map", "0:v:0", "-an", "-sn", "-dn",
            "-vf", $"fps={VideoFingerprint.FramesPerSecond},scale={side}:{side}:flags=area,format=gray",
            "-frames:v", settings.MaxFrames.ToString(CultureInfo.InvariantCulture),
            "-f", "rawvideo", "-",
        ];
        var frames = new MemoryStream();
        await FfmpegProcess.RunAsync(
            transcoderOptions.Value.FfmpegPath,
            arguments,
            settings.Timeout,
            (output, ct) => output.CopyToAsync(frames, ct),
            cancellationToken).ConfigureAwait(false);

        var count = (int)(frames.Length / FrameHasher.FrameBytes);
        var pictures = frames.GetBuffer().AsMemory(0, count * FrameHasher.FrameBytes);
        var reframed = new ulong[FrameHasher.Reframings.Length][];
        for (var i = 0; i < reframed.Length; i++)
        {
            reframed[i] = FrameHasher.Hash(pictures.Span, count, FrameHasher.Reframings[i]);
        }

        return new VideoFingerprint(FrameHasher.Hash(pictures.Span, count, FrameHasher.ReferenceShare), reframed);
    }
}
