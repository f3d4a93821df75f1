using System.Buffers.Binary;

namespace ShortVideo.Media.Fingerprints;

/// <summary>
/// What a video looks like, as one 64-bit perceptual hash per sampled frame (<see cref="FramesPerSecond"/> frames
/// a second, in presentation order). Survives re-encoding, resizing, re-muxing and small crops; see
/// <c>VideoFingerprinter</c> for how the hashes are made.
/// </summary>
public sealed class VideoFingerprint
{
    /// <summary>Frames sampled per second of video. Fixed: fingerprints are only comparable at the same rate.</summary>
    public const int FramesPerSecond = 2;

    /// <summary>The hash of a frame too flat to say anything (a fade to black, a blank title card); never matched.</summary>
    public const ulong FlatFrame = 0;

    private readonly ulong[] _hashes;
    private readonly ulong[][] _reframed;

    /// <summary>A fingerprint from its frame hashes, in presentation order, and optionally its reframings.</summary>
    public VideoFingerprint(IEnumerable<ulong> frameHashes, IEnumerable<IEnumerable<ulong>>? reframedHashes = null)
    {
        ArgumentNullException.ThrowIfNull(frameHashes);
        _hashes = [.. frameHashes];
        _reframed = reframedHashes is null ? [] : [.. reframedHashes.Select(static r => r.ToArray())];
    }

    private VideoFingerprint(ulong[] hashes)
    {
        _hashes = hashes;
        _reframed = [];
    }

    /// <summary>One hash per sampled frame at the reference framing; <see cref="FlatFrame"/> for frames without detail.</summary>
    public IReadOnlyList<ulong> FrameHashes => _hashes;

    /// <summary>
    /// The same frames hashed with the centre zoomed in and out, so that a cropped and rescaled copy lines up
    /// with its original whichever of the two was indexed first. Used to look up; an index stores only
    /// <see cref="FrameHashes"/>.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<ulong>> ReframedHashes => _reframed;

    internal ReadOnlySpan<ulong> Span => _hashes;

    /// <summary>The reference hashes, then each reframing: what a lookup compares with an indexed fingerprint.</summary>
    internal IEnumerable<ulong[]> Views()
    {
        yield return _hashes;
        foreach (var reframed in _reframed)
        {
            yield return reframed;
        }
    }

    /// <summary>Little-endian hashes, 8 bytes each: how the SQLite index stores a fingerprint.</summary>
    internal byte[] ToBytes()
    {
        var bytes = new byte[_hashes.Length * sizeof(ulong)];
        for (var i = 0; i < _hashes.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * sizeof(ulong)), _hashes[i]);
        }

        return bytes;
    }

    internal static VideoFingerprint FromBytes(ReadOnlySpan<byte> bytes)
    {
        var hashes = new ulong[bytes.Length / sizeof(ulong)];
        for (var i = 0; i < hashes.Length; i++)
        {
            hashes[i] = BinaryPrimitives.ReadUInt64LittleEndian(bytes[(i * sizeof(ulong))..]);
        }

        return new VideoFingerprint(hashes);
    }
}
