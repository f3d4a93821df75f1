using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Social;

/// <summary>
/// One api-only node shared by a test class (tests use their own user names, so they do not see each other). Videos
/// uploaded here are never processed: they stay "uploaded", public unless asked otherwise, which is all likes,
/// comments and follows need. Write limits are raised so the tests measure behaviour, not the limiter.
/// </summary>
public sealed class SocialNode : IAsyncLifetime
{
    private readonly TempDirectory _files = new("social");
    private int _uploads;

    public InProcessNode Node { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Node = await InProcessNode.StartAsync(o =>
        {
            o["Node:Roles"] = "api";
            foreach (var section in (string[])["Uploads:RateLimit", "RateLimits:Events", "RateLimits:Likes", "RateLimits:Comments", "RateLimits:Follows"])
            {
                o[section + ":PermitLimit"] = "100000";
            }
        });

    public async Task DisposeAsync()
    {
        await Node.DisposeAsync();
        _files.Dispose();
    }

    public HttpClient Client(string user) => Node.Client(user);

    /// <summary>Uploads a few distinct bytes as <paramref name="client"/>'s video; private when asked.</summary>
    public async Task<string> UploadAsync(HttpClient client, bool isPrivate = false)
    {
        var n = Interlocked.Increment(ref _uploads);
        var path = _files.Combine($"clip{n}.bin");
        await File.WriteAllTextAsync(path, $"clip {n} {Guid.NewGuid()}");
        var id = await VideoRequests.UploadAsync(client, path, isPrivate ? TusRequests.Metadata(("visibility", "private")) : null);

        // A pause so creation times differ: lists under test are ordered by time.
        await Task.Delay(3);
        return id;
    }

    /// <summary>A user who has made a request (users come into being with their first authenticated request).</summary>
    public async Task<HttpClient> UserAsync(string name)
    {
        var client = Client(name);
        using var me = await client.GetAsync("api/v1/me");
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        return client;
    }

    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is string raw)
        {
            request.Content = new StringContent(raw, Encoding.UTF8, "application/json");
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    /// <summary>Sends and asserts 200 (or 201), returning the JSON body.</summary>
    public static async Task<JsonElement> OkAsync(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var response = await SendAsync(client, method, url, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Created, $"{method} {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static Task<JsonElement> GetAsync(HttpClient client, string url) => OkAsync(client, HttpMethod.Get, url);

    public static string[] Ids(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetString()!)];

    /// <summary>The video ids of a list of videos (every list has the feed item shape: <c>{video: {id}, creator, counts, likedByMe}</c>).</summary>
    public static string[] VideoIds(JsonElement page) =>
        [.. page.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("video").GetProperty("id").GetString()!)];
}
