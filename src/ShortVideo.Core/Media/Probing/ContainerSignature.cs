namespace ShortVideo.Media.Probing;

/// <summary>
/// Recognises a media container by its first bytes. ffprobe picks its demuxer by the file name's extension
/// when the content is not conclusive, so for "clip.mp4" it says "moov atom not found" whether the file is a
/// truncated MP4 or a text file; the magic bytes tell the two apart.
/// </summary>
internal static class ContainerSignature
{
    // An MPEG-TS packet is 188 bytes, so two sync bytes one packet apart; one more byte to see the second.
    private const int HeaderLength = 189;
    private const int TransportPacketLength = 188;
    private const byte TransportSyncByte = 0x47;

    /// <summary>The container the first bytes of the file announce, or null when none that we know.</summary>
    public static async Task<string?> DetectAsync(string path, CancellationToken cancellationToken)
    {
        var header = new byte[HeaderLength];
        int length;
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 1, useAsync: true);
        await using (stream.ConfigureAwait(false))
        {
            length = await stream.ReadAtLeastAsync(header, header.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        }

        return Detect(header.AsSpan(0, length));
    }

    /// <summary>The container these first bytes announce, or null when none that we know.</summary>
    public static string? Detect(ReadOnlySpan<byte> header)
    {
        // ISO BMFF (MP4, MOV, M4A, 3GP) starts with a box: 4 bytes of size, then its type. A file written
        // without faststart may begin with mdat, free or wide instead of ftyp.
        if (header.Length >= 8)
        {
            var box = header.Slice(4, 4);
            if (box.SequenceEqual("ftyp"u8) || box.SequenceEqual("moov"u8) || box.SequenceEqual("mdat"u8)
                || box.SequenceEqual("free"u8) || box.SequenceEqual("wide"u8) || box.SequenceEqual("skip"u8))
            {
                return "mp4";
            }
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            return "matroska";
        }

        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header.Slice(8, 4).SequenceEqual("AVI "u8))
        {
            return "avi";
        }

        if (header.StartsWith("FLV"u8))
        {
            return "flv";
        }

        if (header.StartsWith("OggS"u8))
        {
            return "ogg";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0xBA]))
        {
            return "mpeg";
        }

        if (header.StartsWith((ReadOnlySpan<byte>)[0x30, 0x26, 0xB2, 0x75, 0x8E, 0x66, 0xCF, 0x11]))
        {
            return "asf";
        }

        return header.Length > TransportPacketLength && header[0] == TransportSyncByte && header[TransportPacketLength] == TransportSyncByte
            ? "mpegts"
            : null;
    }
}
