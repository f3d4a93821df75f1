using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Catalog;
using ShortVideo.Hosting.Auth;
using ShortVideo.Ranking.Engine;
using ShortVideo.Ranking.Learning;
using ShortVideo.Ranking.Retrieval;
using ShortVideo.Testing;

namespace ShortVideo.Integrator.Tests;

/// <summary>
/// A node composed in <see cref="IntegratorProgram"/> from the public API alone runs for real: Kestrel on a free
/// port, real ffmpeg, the SQLite job queue, an integrator's own listener on the video.uploaded seam.
/// </summary>
public sealed class PublicApiNodeTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("integrator");
    private readonly UploadedVideos _uploaded = new();
    private WebApplication _app = null!;
    private Uri _base = null!;

    public async Task InitializeAsync()
    {
        _app = IntegratorProgram.Build(
            ["--DataDir", _dir.Combine("data"), "--urls", "http://127.0.0.1:0", "--Logging:LogLevel:Default", "Warning"],
            node => node.Services.AddSingleton<IVideoEvents>(_uploaded));
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _base = new Uri(address.TrimEnd('/') + "/");
    }

    public async Task DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }

    [Fact]
    public async Task An_uploaded_clip_is_told_to_the_integrators_listener_transcoded_and_played()
    {
        using var alice = Client("alice");
        var clip = await TestClips.VideoAsync(_dir.Path, "clip.mp4", 320, 240, seconds: 2);

        var id = await VideoRequests.UploadAsync(alice, clip, TusRequests.Metadata(("caption", "from Program.cs")));
        var video = await VideoRequests.WaitUntilProcessedAsync(alice, id);

        Assert.Equal("ready", video.GetProperty("status").GetString());
        Assert.Contains(id, _uploaded.Ids);
        using var player = new HttpClient();
        using var master = await player.GetAsync(video.GetProperty("playback").GetProperty("hls").GetString());
        Assert.Equal(HttpStatusCode.OK, master.StatusCode);
        Assert.StartsWith("#EXTM3U", await master.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var health = await player.GetAsync(new Uri(_base, "healthz"));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public void The_ranking_engine_composed_beside_the_node_learns_and_recommends_on_the_chosen_backend()
    {
        var backend = _app.Services.GetRequiredService<IRetrievalBackend>();
        var engine = _app.Services.GetRequiredService<IRankingEngine>();
        var published = DateTimeOffset.UtcNow;
        engine.AddVideos([.. Enumerable.Range(1, 50).Select(i => new VideoDescriptor(i, CreatorId: i % 5, ["clip"], published))]);

        var page = engine.Recommend(new RecommendationRequest { UserId = 7, Count = 10 });

        Assert.False(string.IsNullOrEmpty(backend.Name));
        Assert.Equal(50, engine.CatalogSize);
        Assert.Equal(10, page.Count);
        Assert.Equal(10, page.Select(r => r.VideoId).Distinct().Count());
        Assert.All(page, r => Assert.InRange(r.VideoId, 1, 50));
    }

    private HttpClient Client(string user)
    {
        var token = _app.Services.GetRequiredService<TokenIssuer>().Issue(user, TimeSpan.FromMinutes(10));
        var client = new HttpClient { BaseAddress = _base, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>An integrator's listener on the video.uploaded seam: records the ids it is told.</summary>
    private sealed class UploadedVideos : IVideoEvents
    {
        private readonly ConcurrentDictionary<string, bool> _ids = new();

        public IReadOnlyCollection<string> Ids => [.. _ids.Keys];

        public ValueTask VideoUploadedAsync(VideoRecord video, CancellationToken cancellationToken)
        {
            _ids[video.Id] = true;
            return ValueTask.CompletedTask;
        }
    }
}
