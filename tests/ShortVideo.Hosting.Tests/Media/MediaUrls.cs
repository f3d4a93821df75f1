using System.Text.Json;

namespace ShortVideo.Hosting.Tests.Media;

/// <summary>The media files of a ready video, found the way a player finds them (playlists, then their references).</summary>
internal static class MediaUrls
{
    /// <summary>
    /// Every kind of media file of a ready video, as <paramref name="viewer"/> sees them: master playlist, media
    /// playlist, init segment, first segment, poster, storyboard index and sprite.
    /// </summary>
    public static async Task<List<string>> AllAsync(HttpClient viewer, JsonElement video)
    {
        var master = new Uri(video.GetProperty("playback").GetProperty("hls").GetString()!);
        var masterText = await viewer.GetStringAsync(master);
        var rendition = new Uri(master, masterText.Split('\n').First(line => line.EndsWith(".m3u8", StringComparison.Ordinal)));
        var mediaText = await viewer.GetStringAsync(rendition);
        var init = mediaText.Split('\n').First(line => line.StartsWith("#EXT-X-MAP:", StringComparison.Ordinal)).Split('"')[1];
        var segment = mediaText.Split('\n').First(line => line.EndsWith(".m4s", StringComparison.Ordinal));
        var storyboard = video.GetProperty("storyboard");
        return
        [
            master.AbsoluteUri,
            rendition.AbsoluteUri,
            new Uri(rendition, init).AbsoluteUri,
            new Uri(rendition, segment).AbsoluteUri,
            video.GetProperty("thumbnails")[0].GetString()!,
            storyboard.GetProperty("vtt").GetString()!,
            storyboard.GetProperty("sprite").GetString()!,
        ];
    }

    /// <summary>A problem+json body without its per-request traceId: what tells one answer from another.</summary>
    public static string Problem(string body)
    {
        var problem = JsonDocument.Parse(body).RootElement;
        return string.Join(" | ", problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => $"{p.Name}={p.Value}"));
    }
}
