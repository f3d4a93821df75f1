using System.Buffers;
using System.Globalization;
using ShortVideo.Media.Transcoding;

namespace ShortVideo.Media.Fingerprints;

/// <summary>
/// The sampled pictures of one video on their way to its <see cref="VideoFingerprint"/>: <see cref="VideoFingerprint.FramesPerSecond"/>
/// frames a second, each scaled to 64×64 grayscale, as raw bytes from ffmpeg. <see cref="Tap"/> says how to make them:
/// the media pipeline hands it to the transcode (one decode for the renditions and the fingerprint),
/// <see cref="VideoFingerprinter"/> to an ffmpeg process of its own. Sampling by time (fps filter) rather than by
/// frame number makes the fingerprint independent of the frame rate.
/// </summary>
internal sealed class FingerprintFrames
{
    // Reads this much at a time: 16 frames, 8 s of video.
    private const int ReadBytes = 16 * FrameHasher.FrameBytes;

    private readonly ArrayBufferWriter<byte> _frames = new(ReadBytes);

    public FingerprintFrames(int maxFrames)
    {
        var side = FrameHasher.FrameSide.ToString(CultureInfo.InvariantCulture);
        // Time from the first picture: an ffmpeg that reads only the video starts it at 0, but one that also reads the
        // sound (the transcode) keeps the video's delay behind it (MPEG-TS: 21 ms), which made the fps filter pick
        // the frame before each of those the fingerprint is made of. A no-op where the video starts at 0.
        Tap = new FrameTap(
            $"setpts=PTS-STARTPTS,fps={VideoFingerprint.FramesPerSecond},scale={side}:{side}:flags=area,format=gray",
            maxFrames,
            ReadAsync);
    }

    /// <summary>The filters, the frame limit and the reader that fills this collection.</summary>
    public FrameTap Tap { get; }

    /// <summary>The whole frames read so far, <see cref="FrameHasher.FrameBytes"/> each.</summary>
    public ReadOnlyMemory<byte> Pictures => _frames.WrittenMemory[..(_frames.WrittenCount / FrameHasher.FrameBytes * FrameHasher.FrameBytes)];

    private async Task ReadAsync(Stream output, CancellationToken cancellationToken)
    {
        int read;
        while ((read = await output.ReadAsync(_frames.GetMemory(ReadBytes), cancellationToken).ConfigureAwait(false)) > 0)
        {
            _frames.Advance(read);
        }
    }

    /// <summary>Hashes the frames: the reference framing and each of <see cref="FrameHasher.Reframings"/>.</summary>
    public VideoFingerprint ToFingerprint()
    {
        var pictures = Pictures.Span;
        var count = pictures.Length / FrameHasher.FrameBytes;
        var reframed = new ulong[FrameHasher.Reframings.Length][];
        for (var i = 0; i < reframed.Length; i++)
        {
            reframed[i] = FrameHasher.Hash(pictures, count, FrameHasher.Reframings[i]);
        }

        return new VideoFingerprint(FrameHasher.Hash(pictures, count, FrameHasher.ReferenceShare), reframed);
    }
}
