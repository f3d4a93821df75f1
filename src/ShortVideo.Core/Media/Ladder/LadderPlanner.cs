using System.Globalization;

namespace ShortVideo.Media.Ladder;

/// <summary>Plans the renditions a source is encoded into.</summary>
public static class LadderPlanner
{
    /// <summary>The highest frame rate encoded: the Apple HLS Authoring Specification forbids more than 60 fps (video 1.15).</summary>
    public const double MaxFrameRate = 60;

    /// <summary>
    /// One rendition per configured short side that does not exceed the source's (never upscale), each in
    /// every configured codec, keeping the source's aspect ratio and orientation and its frame rate (at most 60).
    /// A source smaller than the smallest rung gets one rendition at its own size.
    /// </summary>
    /// <param name="source">The source, in display orientation.</param>
    /// <param name="options">Rungs, codecs and audio bit rate.</param>
    /// <returns>Renditions from the largest to the smallest, H.264 first within a size.</returns>
    public static IReadOnlyList<Rendition> Plan(TranscodeSource source, LadderOptions options)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(source.DisplayWidth, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(source.DisplayHeight, 2);
        if (!(source.FrameRate > 0) || double.IsInfinity(source.FrameRate))
        {
            throw new ArgumentOutOfRangeException(nameof(source), source.FrameRate, "The source frame rate must be a positive number.");
        }

        var sourceShort = Math.Min(source.DisplayWidth, source.DisplayHeight);
        var sizes = new SortedSet<int>(Comparer<int>.Create(static (a, b) => b.CompareTo(a)));
        foreach (var side in options.EffectiveShortSides)
        {
            if (side >= 2 && side <= sourceShort)
            {
                sizes.Add(EvenDown(side));
            }
        }

        var frameRate = Math.Min(source.FrameRate, MaxFrameRate);
        var renditions = new List<Rendition>();
        if (sizes.Count == 0)
        {
            // Below the smallest rung: one rendition at the source's own (even) size.
            foreach (var codec in options.EffectiveCodecs)
            {
                renditions.Add(Create(codec, EvenDown(source.DisplayWidth), EvenDown(source.DisplayHeight), frameRate, source.HasAudio, options));
            }

            return renditions;
        }

        var landscape = source.DisplayWidth >= source.DisplayHeight;
        var aspect = landscape
            ? (double)source.DisplayWidth / source.DisplayHeight
            : (double)source.DisplayHeight / source.DisplayWidth;
        var sourceLong = EvenDown(Math.Max(source.DisplayWidth, source.DisplayHeight));
        foreach (var shortSide in sizes)
        {
            var longSide = Math.Min(Even(shortSide * aspect), sourceLong);
            var (width, height) = landscape ? (longSide, shortSide) : (shortSide, longSide);
            foreach (var codec in options.EffectiveCodecs)
            {
                renditions.Add(Create(codec, width, height, frameRate, source.HasAudio, options));
            }
        }

        return renditions;
    }

    private static Rendition Create(VideoCodec codec, int width, int height, double frameRate, bool hasAudio, LadderOptions options)
    {
        var average = BitrateTable.AverageBitrate(width, height, frameRate, codec);

        // Constrained VBR: the peak at 150% of the average stays well inside the Apple HLS Authoring
        // Specification's VOD ceiling (peak segment bit rate at most 200% of the average), and a buffer of
        // two seconds of average bits lets each 2-second GOP's IDR frame borrow from the rest of its GOP.
        var max = average / 2 * 3;
        var buffer = average * 2;
        var level = CodecLevels.For(codec, width, height, frameRate, max);
        var audioBitrate = hasAudio ? options.AudioBitrate : 0;
        var codecs = CodecLevels.VideoCodecs(codec, level);
        if (hasAudio)
        {
            codecs += "," + CodecLevels.AacLc;
        }

        var name = Math.Min(width, height).ToString(CultureInfo.InvariantCulture) + "p" + codec switch
        {
            VideoCodec.Hevc => "-hevc",
            VideoCodec.Av1 => "-av1",
            _ => string.Empty,
        };
        return new Rendition(name, codec, width, height, frameRate, average, max, buffer, audioBitrate, level.Name, codecs);
    }

    // Encoders of 4:2:0 video need even sides; rounding to the nearest even keeps the aspect closest,
    // rounding down keeps a side derived from the source from growing past it.
    private static int Even(double value) => Math.Max(2, (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2);

    private static int EvenDown(int value) => Math.Max(2, value & ~1);
}
