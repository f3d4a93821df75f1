namespace ShortVideo.Media.Ladder;

/// <summary>Level tables of the three codecs and the HLS CODECS strings (RFC 6381) built from them.</summary>
internal static class CodecLevels
{
    /// <summary>The CODECS value of AAC-LC (object type 2).</summary>
    public const string AacLc = "mp4a.40.2";

    // ITU-T H.264 Table A-1: MaxFS and MaxMBPS in macroblocks, MaxBR scaled by 1.25 for High profile
    // (cpbBrVclFactor, Table A-2); the longest side is sqrt(8 * MaxFS) macroblocks (A.3.1 f, g).
    private static readonly CodecLevel[] H264 =
    [
        new("1.0", 10, 99, 1485, 80, 28),
        new("1.1", 11, 396, 3000, 240, 56),
        new("1.2", 12, 396, 6000, 480, 56),
        new("1.3", 13, 396, 11880, 960, 56),
        new("2.0", 20, 396, 11880, 2500, 56),
        new("2.1", 21, 792, 19800, 5000, 79),
        new("2.2", 22, 1620, 20250, 5000, 113),
        new("3.0", 30, 1620, 40500, 12500, 113),
        new("3.1", 31, 3600, 108000, 17500, 169),
        new("3.2", 32, 5120, 216000, 25000, 202),
        new("4.0", 40, 8192, 245760, 25000, 256),
        new("4.1", 41, 8192, 245760, 62500, 256),
        new("4.2", 42, 8704, 522240, 62500, 263),
        new("5.0", 50, 22080, 589824, 168750, 420),
        new("5.1", 51, 36864, 983040, 300000, 543),
        new("5.2", 52, 36864, 2073600, 300000, 543),
    ];

    // ITU-T H.265 Table A.8 (MaxLumaPs, Main tier MaxBR) and A.9 (MaxLumaSr); general_level_idc is 30x the
    // level; the longest side is sqrt(8 * MaxLumaPs) (A.4.1).
    private static readonly CodecLevel[] Hevc =
    [
        new("1.0", 30, 36864, 552960, 128, 543),
        new("2.0", 60, 122880, 3686400, 1500, 991),
        new("2.1", 63, 245760, 7372800, 3000, 1402),
        new("3.0", 90, 552960, 16588800, 6000, 2103),
        new("3.1", 93, 983040, 33177600, 10000, 2804),
        new("4.0", 120, 2228224, 66846720, 12000, 4222),
        new("4.1", 123, 2228224, 133693440, 20000, 4222),
        new("5.0", 150, 8912896, 267386880, 25000, 8444),
        new("5.1", 153, 8912896, 534773760, 40000, 8444),
        new("5.2", 156, 8912896, 1069547520, 60000, 8444),
    ];

    // AV1 specification Annex A.3 (MaxPicSize, MaxDisplayRate, MainMbps); the longest side is held to
    // MaxVSize, the smaller of MaxHSize and MaxVSize, so vertical video never claims too low a level.
    private static readonly CodecLevel[] Av1 =
    [
        new("2.0", 0, 147456, 4423680, 1500, 1152),
        new("2.1", 1, 278784, 8363520, 3000, 1584),
        new("3.0", 4, 665856, 19975680, 6000, 2448),
        new("3.1", 5, 1065024, 31950720, 10000, 3096),
        new("4.0", 8, 2359296, 70778880, 12000, 3456),
        new("4.1", 9, 2359296, 141557760, 20000, 3456),
        new("5.0", 12, 8912896, 267386880, 30000, 4352),
        new("5.1", 13, 8912896, 534773760, 40000, 4352),
    ];

    /// <summary>The level for a picture size, frame rate and peak bit rate.</summary>
    public static CodecLevel For(VideoCodec codec, int width, int height, double frameRate, int maxBitrate)
    {
        var longSide = Math.Max(width, height);
        return codec switch
        {
            VideoCodec.Hevc => CodecLevel.Lowest(Hevc, (long)width * height, longSide, frameRate, maxBitrate),
            VideoCodec.Av1 => CodecLevel.Lowest(Av1, (long)width * height, longSide, frameRate, maxBitrate),
            _ => CodecLevel.Lowest(H264, Macroblocks(width) * Macroblocks(height), Macroblocks(longSide), frameRate, maxBitrate),
        };
    }

    /// <summary>
    /// The video part of CODECS: avc1 High profile (0x64, no constraint flags); hvc1 Main profile
    /// (profile 1, compatibility 0x6 as written, Main tier, constraint byte 0x90 = progressive and frame-only,
    /// what x265 writes); av01 Main profile, Main tier, 8-bit.
    /// </summary>
    public static string VideoCodecs(VideoCodec codec, CodecLevel level) => codec switch
    {
        VideoCodec.Hevc => FormattableString.Invariant($"hvc1.1.6.L{level.Code}.90"),
        VideoCodec.Av1 => FormattableString.Invariant($"av01.0.{level.Code:D2}M.08"),
        _ => FormattableString.Invariant($"avc1.6400{level.Code:x2}"),
    };

    private static long Macroblocks(int samples) => (samples + 15) / 16;
}
