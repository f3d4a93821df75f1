using System.Text.Json;

namespace ShortVideo.Cli.Videos;

/// <summary>
/// A video as GET /api/v1/videos/{id} described it at one moment: the fields svctl prints, and the server's JSON
/// as it came (what <c>--json</c> prints, so no field the server adds is lost on the way).
/// </summary>
internal sealed record VideoSnapshot
{
    public required string Id { get; init; }

    public required string Status { get; init; }

    public string? Visibility { get; init; }

    public bool Deduplicated { get; init; }

    public long SizeBytes { get; init; }

    public long? DurationMs { get; init; }

    public string? Error { get; init; }

    public string? Hls { get; init; }

    public string? Caption { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The server's JSON object for this video.</summary>
    public required string Json { get; init; }

    /// <summary>Processing is over: the video plays, or it never will.</summary>
    public bool IsFinal => Status is VideoStates.Ready or VideoStates.Failed;

    /// <summary>Reads one video object; throws <see cref="JsonException"/> or <see cref="KeyNotFoundException"/> when it is not one.</summary>
    public static VideoSnapshot From(JsonElement video) => new()
    {
        Id = video.GetProperty("id").GetString() ?? throw new JsonException("the video has no id"),
        Status = video.GetProperty("status").GetString() ?? throw new JsonException("the video has no status"),
        Visibility = OptionalString(video, "visibility"),
        Deduplicated = video.TryGetProperty("deduplicated", out var dedup) && dedup.ValueKind == JsonValueKind.True,
        SizeBytes = OptionalInt64(video, "sizeBytes") ?? 0,
        DurationMs = OptionalInt64(video, "durationMs"),
        Error = OptionalString(video, "error"),
        Hls = video.TryGetProperty("playback", out var playback) && playback.ValueKind == JsonValueKind.Object ? OptionalString(playback, "hls") : null,
        Caption = OptionalString(video, "caption"),
        CreatedAt = video.TryGetProperty("createdAt", out var created) && created.ValueKind == JsonValueKind.String && created.TryGetDateTimeOffset(out var at) ? at : null,
        Json = video.GetRawText(),
    };

    // JsonElement's TryGet* throw on another kind (null before a video is probed): check the kind first.
    private static long? OptionalInt64(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number : null;

    private static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>The statuses of the public contract (DESIGN.md).</summary>
internal static class VideoStates
{
    public const string Ready = "ready";
    public const string Failed = "failed";
}
