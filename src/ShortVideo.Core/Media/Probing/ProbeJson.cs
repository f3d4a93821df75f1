using System.Globalization;
using System.Text.Json;

namespace ShortVideo.Media.Probing;

/// <summary>
/// Reads the JSON of <c>ffprobe -print_format json -show_format -show_streams</c>. ffprobe prints most numbers
/// as strings ("2.000000", "48000") and "N/A" or nothing when unknown, so every field is read leniently.
/// </summary>
internal static partial class ProbeJson
{
    /// <summary>The result, or null when the text is not ffprobe's JSON (then the caller reports it unreadable).</summary>
    public static ProbeResult? TryParse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("format", out var format)
                || format.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            VideoStreamInfo? video = null;
            AudioStreamInfo? audio = null;
            if (root.TryGetProperty("streams", out var streams) && streams.ValueKind == JsonValueKind.Array)
            {
                foreach (var stream in streams.EnumerateArray())
                {
                    var type = GetString(stream, "codec_type");
                    if (type == "video" && video is null && !IsAttachedPicture(stream))
                    {
                        video = ReadVideo(stream);
                    }
                    else if (type == "audio" && audio is null)
                    {
                        audio = ReadAudio(stream);
                    }
                }
            }

            return new ProbeResult
            {
                Readable = true,
                FormatName = GetString(format, "format_name"),
                Duration = GetSeconds(format, "duration"),
                SizeBytes = GetInt64(format, "size"),
                BitRate = GetInt64(format, "bit_rate"),
                Video = video,
                Audio = audio,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Cover art in MP3/M4A files is a one-frame "video" stream; it must not make audio look like a video.
    private static bool IsAttachedPicture(JsonElement stream) =>
        stream.TryGetProperty("disposition", out var disposition)
        && disposition.ValueKind == JsonValueKind.Object
        && GetInt64(disposition, "attached_pic") == 1;

    private static AudioStreamInfo ReadAudio(JsonElement stream) => new()
    {
        Codec = GetString(stream, "codec_name"),
        Channels = (int)(GetInt64(stream, "channels") ?? 0),
        SampleRate = (int)(GetInt64(stream, "sample_rate") ?? 0),
        BitRate = GetInt64(stream, "bit_rate"),
    };

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static double? GetDouble(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number)
        {
            return value.GetDouble();
        }

        return value.ValueKind == JsonValueKind.String
            && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
            && double.IsFinite(parsed)
                ? parsed
                : null;
    }

    private static long? GetInt64(JsonElement element, string name) =>
        GetDouble(element, name) is { } number && number is >= long.MinValue and <= long.MaxValue ? (long)number : null;

    private static TimeSpan? GetSeconds(JsonElement element, string name) =>
        GetDouble(element, name) is { } seconds && seconds >= 0 && seconds < TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
