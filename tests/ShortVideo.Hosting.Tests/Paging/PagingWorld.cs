using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Paging;

/// <summary>
/// One node with enough in it that every list of the API has a second page for two viewers (pgalice and pgbob): each
/// has two videos of their own; pgcarol, whom both follow, has three ready videos tagged #pgone #pgtwo, liked by
/// both (so they trend), with two comments of each viewer and two replies of each under the first one. The first
/// upload transcodes one tiny clip; later uploads of the same bytes are ready at once.
/// </summary>
public sealed class PagingWorld : IAsyncLifetime
{
    /// <summary>For You cursors live this long here, so a test can watch one expire.</summary>
    public static readonly TimeSpan SessionLifetime = TimeSpan.FromSeconds(8);

    private readonly TempDirectory _clips = new("paging");
    private string _clip = null!;
    private string _video = null!;
    private string _comment = null!;

    public InProcessNode Node { get; private set; } = null!;

    public HttpClient Alice { get; private set; } = null!;

    public HttpClient Bob { get; private set; } = null!;

    /// <summary>Every list endpoint: its name in test output, and the largest limit it takes.</summary>
    public static TheoryData<string> Lists => [.. Maxima.Keys];

    public static IReadOnlyDictionary<string, int> Maxima { get; } = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["my videos"] = 100,
        ["user videos"] = 100,
        ["comments"] = 100,
        ["replies"] = 100,
        ["search videos"] = 100,
        ["search users"] = 100,
        ["search hashtags"] = 100,
        ["hashtag videos"] = 100,
        ["trending videos"] = 100,
        ["trending hashtags"] = 100,
        ["for you"] = 50,
        ["following"] = 50,
    };

    public async Task InitializeAsync()
    {
        Node = await InProcessNode.StartAsync(o =>
        {
            o["Feed:ForYou:SessionLifetime"] = SessionLifetime.ToString();
            foreach (var section in (string[])["Uploads:RateLimit", "RateLimits:Events", "RateLimits:Likes", "RateLimits:Comments", "RateLimits:Follows"])
            {
                o[section + ":PermitLimit"] = "100000";
            }
        });
        _clip = await TestClips.VideoAsync(_clips.Path, "clip.mp4", 320, 180, seconds: 1, audio: false);
        Alice = Node.Client("pgalice");
        Bob = Node.Client("pgbob");
        using var carol = Node.Client("pgcarol");

        // Users come into being with their first request.
        await SendAsync(carol, HttpMethod.Get, "api/v1/me");
        foreach (var viewer in (HttpClient[])[Alice, Bob])
        {
            await SendAsync(viewer, HttpMethod.Put, "api/v1/users/pgcarol/follow");
            await PublishAsync(viewer, "my own clip");
            await PublishAsync(viewer, "my own clip");
        }

        var carols = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            carols.Add(await PublishAsync(carol, $"paging clip {i} #pgone #pgtwo"));
        }

        _video = carols[0];
        _comment = (await SendAsync(carol, HttpMethod.Post, $"api/v1/videos/{_video}/comments", new { text = "first" })).GetProperty("id").GetString()!;
        foreach (var viewer in (HttpClient[])[Alice, Bob])
        {
            for (var i = 0; i < 2; i++)
            {
                await SendAsync(viewer, HttpMethod.Post, $"api/v1/videos/{_video}/comments", new { text = $"comment {i}" });
                await SendAsync(viewer, HttpMethod.Post, $"api/v1/videos/{_video}/comments", new { text = $"reply {i}", parentId = _comment });
            }

            await SendAsync(viewer, HttpMethod.Put, $"api/v1/videos/{carols[0]}/like");
            await SendAsync(viewer, HttpMethod.Put, $"api/v1/videos/{carols[1]}/like");
        }
    }

    public async Task DisposeAsync()
    {
        Alice.Dispose();
        Bob.Dispose();
        await Node.DisposeAsync();
        _clips.Dispose();
    }

    /// <summary>The URL of list <paramref name="list"/> with its query so far (parameters are appended with '&amp;').</summary>
    public string Url(string list) => list switch
    {
        "my videos" => "api/v1/videos?x=1",
        "user videos" => "api/v1/users/pgcarol/videos?x=1",
        "comments" => $"api/v1/videos/{_video}/comments?x=1",
        "replies" => $"api/v1/comments/{_comment}/replies?x=1",
        "search videos" => "api/v1/search?type=videos&q=paging",
        "search users" => "api/v1/search?type=users&q=pg",
        "search hashtags" => "api/v1/search?type=hashtags&q=pg",
        "hashtag videos" => "api/v1/hashtags/pgone/videos?x=1",
        "trending videos" => "api/v1/trending/videos?x=1",
        "trending hashtags" => "api/v1/trending/hashtags?x=1",
        "for you" => "api/v1/feed/for-you?x=1",
        "following" => "api/v1/feed/following?x=1",
        _ => throw new ArgumentOutOfRangeException(nameof(list), list, "no such list"),
    };

    /// <summary>
    /// The nextCursor of the first one-item page of <paramref name="list"/> as <paramref name="client"/> sees it, waiting
    /// a little for lists fed in the background (search, trending).
    /// </summary>
    public async Task<string> CursorAsync(HttpClient client, string list)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            using var response = await client.GetAsync(Url(list) + "&limit=1");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{list}: {(int)response.StatusCode} {body}");
            var next = JsonDocument.Parse(body).RootElement.GetProperty("nextCursor");
            if (next.ValueKind == JsonValueKind.String)
            {
                return next.GetString()!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"{list} never had a second page: {body}");
            await Task.Delay(200);
        }
    }

    private async Task<string> PublishAsync(HttpClient client, string caption)
    {
        var id = await VideoRequests.UploadAsync(client, _clip, TusRequests.Metadata(("caption", caption)));
        var video = await VideoRequests.WaitUntilProcessedAsync(client, id);
        Assert.Equal("ready", video.GetProperty("status").GetString());
        return id;
    }

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {url}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
