using System.Globalization;
using System.Text;

namespace ShortVideo.Media.Transcoding;

/// <summary>
/// The storyboard of a video: one sprite image of small frames taken every <see cref="Interval"/>, tiled
/// <see cref="Columns"/> wide, and a WebVTT file whose cues point into the sprite with #xywh fragments (the
/// form players use for scrubbing previews). At most <see cref="MaxTiles"/> tiles, so one sprite covers any
/// allowed duration and stays small (160 px wide tiles, 100 of them: about 20–60 KB as JPEG).
/// </summary>
internal sealed record StoryboardLayout(TimeSpan Interval, int Count, int Columns, int Rows, int TileWidth, int TileHeight)
{
    public const string SpriteFileName = "storyboard.jpg";
    public const string IndexFileName = "storyboard.vtt";

    private const int MaxTiles = 100;
    private const int MaxColumns = 10;
    private const int TileLongSide = 160;

    public static StoryboardLayout For(TranscodeSource source)
    {
        var seconds = Math.Max(source.Duration.TotalSeconds, 0.001);
        var interval = Math.Max(1, (int)Math.Ceiling(seconds / MaxTiles));
        var count = Math.Max(1, (int)Math.Ceiling(seconds / interval));
        var columns = Math.Min(MaxColumns, count);
        var rows = (count + columns - 1) / columns;

        // The long side is 160 px; the short side keeps the aspect ratio, rounded to even for the encoder.
        var landscape = source.DisplayWidth >= source.DisplayHeight;
        var shortSide = (int)Math.Round(TileLongSide * (double)Math.Min(source.DisplayWidth, source.DisplayHeight) / Math.Max(source.DisplayWidth, source.DisplayHeight) / 2) * 2;
        shortSide = Math.Max(2, shortSide);
        return new StoryboardLayout(
            TimeSpan.FromSeconds(interval), count, columns, rows, landscape ? TileLongSide : shortSide, landscape ? shortSide : TileLongSide);
    }

    /// <summary>The filter chain that turns decoded frames into the sprite.</summary>
    public string FilterChain() => string.Create(
        CultureInfo.InvariantCulture,
        $"fps=1/{Interval.TotalSeconds},scale={TileWidth}:{TileHeight},setsar=1,tile={Columns}x{Rows}");

    /// <summary>The WebVTT index: one cue per tile, the sprite named relative to the .vtt file.</summary>
    public string WebVtt(TimeSpan duration)
    {
        var vtt = new StringBuilder("WEBVTT\n");
        for (var i = 0; i < Count; i++)
        {
            var start = Interval * i;
            var end = i == Count - 1 ? duration : Interval * (i + 1);
            if (end <= start)
            {
                end = start + TimeSpan.FromMilliseconds(1);
            }

            vtt.Append(CultureInfo.InvariantCulture, $"\n{Cue(start)} --> {Cue(end)}\n");
            vtt.Append(CultureInfo.InvariantCulture, $"{SpriteFileName}#xywh={i % Columns * TileWidth},{i / Columns * TileHeight},{TileWidth},{TileHeight}\n");
        }

        return vtt.ToString();
    }

    private static string Cue(TimeSpan t) => string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}.{t.Milliseconds:000}");
}
