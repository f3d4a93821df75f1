namespace ShortVideo.Media.Ladder;

/// <summary>
/// One row of a codec's level table: the limits a stream must stay within to claim the level.
/// Units are the codec's own (macroblocks for H.264, luma samples for HEVC and AV1).
/// </summary>
/// <param name="Name">The level as written ("3.1").</param>
/// <param name="Code">The value in the bitstream and the CODECS string (level_idc, general_level_idc, seq_level_idx).</param>
/// <param name="MaxPictureSize">Largest picture.</param>
/// <param name="MaxSampleRate">Largest pictures-times-size per second.</param>
/// <param name="MaxBitrateKbps">Largest peak bit rate for the profile and tier used, in kb/s.</param>
/// <param name="MaxSide">Longest side allowed.</param>
internal readonly record struct CodecLevel(
    string Name,
    int Code,
    long MaxPictureSize,
    long MaxSampleRate,
    long MaxBitrateKbps,
    long MaxSide)
{
    /// <summary>The lowest level whose limits hold the stream; the highest of the table if none does.</summary>
    public static CodecLevel Lowest(ReadOnlySpan<CodecLevel> table, long pictureSize, long longSide, double frameRate, int maxBitrate)
    {
        var sampleRate = (long)Math.Ceiling(pictureSize * frameRate);
        var kbps = (maxBitrate + 999L) / 1000;
        foreach (var level in table)
        {
            if (pictureSize <= level.MaxPictureSize && sampleRate <= level.MaxSampleRate
                && kbps <= level.MaxBitrateKbps && longSide <= level.MaxSide)
            {
                return level;
            }
        }

        return table[^1];
    }
}
