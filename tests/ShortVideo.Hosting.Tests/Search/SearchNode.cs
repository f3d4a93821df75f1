using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Search;

/// <summary>
/// One node for a whole test class, and one tiny clip: the first upload transcodes it, every later upload of the same
/// bytes (with its own caption) reuses that media and is ready at once, so each test makes the videos it needs cheaply.
/// </summary>
public sealed class SearchNode : IAsyncLifetime
{
    private readonly TempDirectory _media = new("search-media");
    private string _clip = null!;

    public InProcessNode Node { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Node = await InProcessNode.StartAsync();
        _clip = await TestClips.VideoAsync(_media.Path, "clip.mp4", 320, 240, seconds: 1, audio: false);
    }

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _media.Dispose();
    }

    /// <summary>Uploads the clip as <paramref name="client"/>'s user with <paramref name="caption"/>; returns its id once ready.</summary>
    public async Task<string> ReadyVideoAsync(HttpClient client, string caption, string visibility = "public")
    {
        var id = await VideoRequests.UploadAsync(client, _clip, TusRequests.Metadata(("caption", caption), ("visibility", visibility)));
        var video = await VideoRequests.WaitUntilProcessedAsync(client, id);
        Assert.Equal("ready", video.GetProperty("status").GetString());
        return id;
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{url} answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Ids of a list: a video list's items have the feed item shape (<c>video.id</c>), users and hashtags their own <c>id</c>.</summary>
    public static List<string> Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => (i.TryGetProperty("video", out var video) ? video : i).GetProperty("id").GetString()!)];

    public static async Task<List<string>> SearchIdsAsync(HttpClient client, string query, string type = "videos") =>
        Ids(await GetAsync(client, $"api/v1/search?type={type}&q={Uri.EscapeDataString(query)}"));

    public static async Task MakeAsync(HttpClient client, string id, string visibility)
    {
        using var response = await client.PatchAsJsonAsync($"api/v1/videos/{id}", new { visibility });
        response.EnsureSuccessStatusCode();
    }
}
