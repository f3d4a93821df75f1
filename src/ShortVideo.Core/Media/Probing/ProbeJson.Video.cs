using System.Globalization;
using System.Text.Json;

namespace ShortVideo.Media.Probing;

/// <summary>The video stream: display rotation and frame rates.</summary>
internal static partial class ProbeJson
{
    // Frame rates closer than this are the same rate. Constant-rate clips from ffmpeg 5.1 (MP4, MKV, WebM at
    // 24, 25, 29.97, 30 and 60 fps) report avg and r identical; the margin absorbs rounding of a last frame's
    // duration in other muxers. Dropping every other frame for one second of two gives avg 22.9 against r 30.
    private const double VariableFrameRateTolerance = 0.01;

    private static VideoStreamInfo ReadVideo(JsonElement stream)
    {
        var average = GetFrameRate(stream, "avg_frame_rate");
        var real = GetFrameRate(stream, "r_frame_rate");
        return new VideoStreamInfo
        {
            Codec = GetString(stream, "codec_name"),
            Width = (int)(GetInt64(stream, "width") ?? 0),
            Height = (int)(GetInt64(stream, "height") ?? 0),
            Rotation = ReadRotation(stream),
            FrameRate = average ?? real,
            IsVariableFrameRate = average is { } a && real is { } r && Math.Abs(a - r) > r * VariableFrameRateTolerance,
            PixelFormat = GetString(stream, "pix_fmt"),
            BitRate = GetInt64(stream, "bit_rate"),
            Duration = GetSeconds(stream, "duration"),
        };
    }

    /// <summary>
    /// Clockwise display rotation in degrees (0, 90, 180, 270). The display matrix wins over the legacy tag.
    /// ffprobe prints the matrix angle counterclockwise (av_display_rotation_get: a phone's portrait clip is -90),
    /// so it is negated; the "rotate" tag that older ffmpeg exported is clockwise already ("90" for the same clip).
    /// </summary>
    internal static int ReadRotation(JsonElement stream)
    {
        if (stream.TryGetProperty("side_data_list", out var sideData) && sideData.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in sideData.EnumerateArray())
            {
                if (GetString(item, "side_data_type") == "Display Matrix" && GetDouble(item, "rotation") is { } counterclockwise)
                {
                    return NormalizeRotation(-counterclockwise);
                }
            }
        }

        return stream.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Object
            && GetDouble(tags, "rotate") is { } clockwise
                ? NormalizeRotation(clockwise)
                : 0;
    }

    /// <summary>Rounds to the nearest quarter turn and folds into [0, 360): -90 becomes 270, 450 becomes 90.</summary>
    internal static int NormalizeRotation(double degrees)
    {
        var quarterTurns = (long)Math.Round(degrees / 90, MidpointRounding.AwayFromZero);
        return (int)((quarterTurns % 4 + 4) % 4) * 90;
    }

    /// <summary>Parses "30000/1001"; null for "0/0" (ffprobe's unknown) and anything malformed.</summary>
    internal static double? GetFrameRate(JsonElement stream, string name)
    {
        var text = GetString(stream, name);
        var slash = text?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (slash <= 0
            || !double.TryParse(text.AsSpan(0, slash), NumberStyles.Float, CultureInfo.InvariantCulture, out var numerator)
            || !double.TryParse(text.AsSpan(slash + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var denominator)
            || numerator <= 0 || denominator <= 0)
        {
            return null;
        }

        return numerator / denominator;
    }
}
