using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Cli.Seed;
using ShortVideo.Feeds.ForYou;
using ShortVideo.Hosting.Auth;
using ShortVideo.Hosting.Node;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// <c>svctl bench feed</c>: seeds a world (<see cref="SeedRun"/>) in a temporary data directory, starts a node on it
/// in this process on loopback (as <c>svctl up</c> does), and drives <c>GET /api/v1/feed/for-you</c> over HTTP: users
/// drawn Zipf-like (a few heavy users come back often) scroll several pages following nextCursor and post view and
/// like events between pages. Then, with the same client and concurrency, <c>GET /api/v1/me</c> as the floor.
/// </summary>
internal static class BenchFeedRun
{
    private const int PageSize = 10;
    private const double UserSkew = 1.0;

    private static readonly TimeSpan RankingReadyTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The node's per-user write limits are lifted: a bench user posts events far faster than a person.</summary>
    internal static readonly IReadOnlyDictionary<string, string?> NodeOverrides = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Warning",
        ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Warning",
        ["RateLimits:Events:PermitLimit"] = "100000000",
        ["RateLimits:Likes:PermitLimit"] = "100000000",
        ["RateLimits:Comments:PermitLimit"] = "100000000",
        ["RateLimits:Follows:PermitLimit"] = "100000000",
    };

    public static async Task<BenchFeedReport> RunAsync(BenchFeedSettings settings, Action<string> status, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("svctl-bench-feed-");
        try
        {
            status($"seeding {settings.Users} users and {settings.Videos} videos");
            var seeded = await SeedRun.RunAsync(
                directory.FullName, new SeedSettings { Users = settings.Users, Videos = settings.Videos, Seed = settings.Seed }, status, cancellationToken).ConfigureAwait(false);

            status("starting the node");
            var start = Stopwatch.StartNew();
            var options = new NodeStartOptions
            {
                DataDir = directory.FullName,
                ContentRoot = directory.FullName,
                Urls = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPort.Free()}"),
            };
            foreach (var (key, value) in NodeOverrides)
            {
                options.Overrides[key] = value;
            }

            var app = ShortVideoNode.Build(options);
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            await using (app.ConfigureAwait(false))
            {
                try
                {
                    var startSeconds = start.Elapsed.TotalSeconds;
                    return await DriveAsync(app, new Uri(options.Urls + "/"), settings, seeded, startSeconds, status, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            BenchTempDirectory.TryDelete(directory);
        }
    }

    private static async Task<BenchFeedReport> DriveAsync(
        WebApplication app, Uri baseUrl, BenchFeedSettings settings, SeedReport seeded, double startSeconds, Action<string> status, CancellationToken cancellationToken)
    {
        var issuer = app.Services.GetRequiredService<TokenIssuer>();
        var statistics = app.Services.GetRequiredService<IForYouStatistics>();
        var tokens = new ConcurrentDictionary<int, AuthenticationHeaderValue>();
        AuthenticationHeaderValue TokenOf(int user) =>
            tokens.GetOrAdd(user, u => new AuthenticationHeaderValue("Bearer", issuer.Issue(SyntheticWorld.UserId(u), TimeSpan.FromHours(2))));
        var users = new ZipfUsers(settings.Users, UserSkew);

        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };

        // Warm-up, not timed: JIT, pools, and above all the ranking engine loading every ready video from the catalog
        // (RankingModelKeeper); until it is ready the feed serves the latest videos, which is not what is measured.
        status("warming up until the ranking engine serves retrievals");
        var ready = Stopwatch.StartNew();
        do
        {
            if (ready.Elapsed > RankingReadyTimeout)
            {
                throw new BenchException(string.Create(CultureInfo.InvariantCulture, $"the node's ranking engine served no retrieval within {RankingReadyTimeout.TotalSeconds} s of warm-up"));
            }

            await ScrollAsync(client, TokenOf, users, settings, 1, new Counters(), cancellationToken).ConfigureAwait(false);
        }
        while (statistics.Snapshot().Batches == 0);

        var readySeconds = startSeconds + ready.Elapsed.TotalSeconds;

        status(string.Create(CultureInfo.InvariantCulture, $"scrolling For You with {settings.Concurrency} users at a time for {settings.Seconds} s"));
        var before = statistics.Snapshot();
        var counters = new Counters();
        var latencies = await ScrollAsync(client, TokenOf, users, settings, settings.Seconds, counters, cancellationToken).ConfigureAwait(false);
        var feed = statistics.Snapshot().Since(before);
        var load = LoadAverage.OneMinute();
        var events = counters.EventLatencies.ToArray();
        Array.Sort(events);

        var floorSeconds = Math.Min(settings.Seconds, 10);
        status(string.Create(CultureInfo.InvariantCulture, $"floor: GET /api/v1/me for {floorSeconds} s"));
        var floor = await FloorAsync(client, TokenOf, users, settings.Concurrency, floorSeconds, cancellationToken).ConfigureAwait(false);

        return new BenchFeedReport
        {
            Users = settings.Users,
            Videos = settings.Videos,
            Concurrency = settings.Concurrency,
            Seconds = settings.Seconds,
            PostEvents = settings.PostEvents,
            SeedSeconds = seeded.Seconds,
            StartSeconds = Math.Round(startSeconds, 2),
            RankingReadySeconds = Math.Round(readySeconds, 2),
            DatabaseBytes = seeded.DatabaseBytes,
            Pages = latencies.Length,
            PagesPerSecond = Math.Round(latencies.Length / settings.Seconds, 1),
            P50Ms = Math.Round(Percentiles.NearestRank(latencies, 50), 3),
            P99Ms = Math.Round(Percentiles.NearestRank(latencies, 99), 3),
            P999Ms = Math.Round(Percentiles.NearestRank(latencies, 99.9), 3),
            EmptyPages = counters.EmptyPages,
            Errors = counters.Errors,
            EventBatches = counters.EventBatches,
            Events = counters.Events,
            EventsP50Ms = events.Length == 0 ? 0 : Math.Round(Percentiles.NearestRank(events, 50), 3),
            EventsP99Ms = events.Length == 0 ? 0 : Math.Round(Percentiles.NearestRank(events, 99), 3),
            CacheHitRatio = Math.Round(feed.CacheHitRatio, 3),
            MeanRetrievalBatch = Math.Round(feed.MeanBatch, 2),
            FloorRequestsPerSecond = Math.Round(floor.Length / floorSeconds, 1),
            FloorP50Ms = Math.Round(Percentiles.NearestRank(floor, 50), 3),
            FloorP99Ms = Math.Round(Percentiles.NearestRank(floor, 99), 3),
            LoadAverage = load,
        };
    }

    private sealed class Counters
    {
        public readonly ConcurrentBag<double> EventLatencies = [];
        public long EmptyPages;
        public long Errors;
        public long EventBatches;
        public long Events;
    }

    /// <summary>Concurrent scrolling sessions until the deadline; returns the sorted latencies of For You pages, in ms.</summary>
    private static async Task<double[]> ScrollAsync(
        HttpClient client, Func<int, AuthenticationHeaderValue> tokenOf, ZipfUsers users, BenchFeedSettings settings, double seconds, Counters counters, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        return await AllSortedAsync(settings.Concurrency, w => Task.Run(
            async () =>
            {
                var random = new Random(settings.Seed * 7919 + w);
                var latencies = new List<double>();
                while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
                {
                    var user = users.Next(random);
                    var token = tokenOf(user);
                    string? cursor = null;
                    for (var page = 0; page < settings.PagesPerSession && Stopwatch.GetTimestamp() < deadline; page++)
                    {
                        var url = cursor is null ? $"api/v1/feed/for-you?limit={PageSize}" : $"api/v1/feed/for-you?limit={PageSize}&cursor={Uri.EscapeDataString(cursor)}";
                        var begin = Stopwatch.GetTimestamp();
                        var (ok, body) = await GetAsync(client, url, token, cancellationToken).ConfigureAwait(false);
                        latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                        if (!ok)
                        {
                            Interlocked.Increment(ref counters.Errors);
                            break;
                        }

                        var (videos, next) = ReadPage(body);
                        if (videos.Count == 0)
                        {
                            Interlocked.Increment(ref counters.EmptyPages);
                            break;
                        }

                        if (settings.PostEvents)
                        {
                            await PostEventsAsync(client, token, videos, random, counters, cancellationToken).ConfigureAwait(false);
                        }

                        cursor = next;
                        if (cursor is null)
                        {
                            break;
                        }
                    }
                }

                return latencies;
            },
            cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>GET /api/v1/me at the same concurrency until the deadline; sorted latencies in ms.</summary>
    private static async Task<double[]> FloorAsync(
        HttpClient client, Func<int, AuthenticationHeaderValue> tokenOf, ZipfUsers users, int concurrency, double seconds, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        return await AllSortedAsync(concurrency, w => Task.Run(
            async () =>
            {
                var random = new Random(w);
                var latencies = new List<double>();
                while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
                {
                    var begin = Stopwatch.GetTimestamp();
                    var (ok, _) = await GetAsync(client, "api/v1/me", tokenOf(users.Next(random)), cancellationToken).ConfigureAwait(false);
                    if (!ok)
                    {
                        throw new BenchException("GET /api/v1/me did not answer 200 during the floor run");
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
                }

                return latencies;
            },
            cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="count"/> workers; returns every latency they measured, sorted.</summary>
    private static async Task<double[]> AllSortedAsync(int count, Func<int, Task<List<double>>> worker, CancellationToken cancellationToken)
    {
        var all = (await Task.WhenAll(Enumerable.Range(0, count).Select(worker)).ConfigureAwait(false)).SelectMany(l => l).ToArray();
        cancellationToken.ThrowIfCancellationRequested();
        Array.Sort(all);
        return all;
    }

    private static async Task<(bool Ok, byte[] Body)> GetAsync(HttpClient client, string url, AuthenticationHeaderValue token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = token;
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        return (response.StatusCode == HttpStatusCode.OK, body);
    }

    private static (List<string> Videos, string? Next) ReadPage(byte[] body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var videos = root.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("video").GetProperty("id").GetString()!).ToList();
        var next = root.TryGetProperty("nextCursor", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
        return (videos, next);
    }

    /// <summary>What a watcher reports about a page: a view of each video (some watched through), a like now and then.</summary>
    private static async Task PostEventsAsync(
        HttpClient client, AuthenticationHeaderValue token, List<string> videos, Random random, Counters counters, CancellationToken cancellationToken)
    {
        var json = new StringBuilder("{\"events\":[");
        var at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        var count = 0;
        foreach (var video in videos)
        {
            var watched = random.Next(500, 15_000);
            Append(json, ref count, video, "view", at, watched);
            if (random.NextDouble() < 0.05)
            {
                Append(json, ref count, video, "like", at, null);
            }
        }

        json.Append("]}");
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/events") { Content = new StringContent(json.ToString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = token;
        var begin = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        counters.EventLatencies.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        if (response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref counters.EventBatches);
            Interlocked.Add(ref counters.Events, count);
        }
        else
        {
            Interlocked.Increment(ref counters.Errors);
        }
    }

    private static void Append(StringBuilder json, ref int count, string video, string type, string at, int? watchMs)
    {
        json.Append(count++ == 0 ? "" : ",").Append(CultureInfo.InvariantCulture, $"{{\"clientEventId\":\"{Guid.NewGuid():N}\",\"type\":\"{type}\",\"videoId\":\"{video}\",\"at\":\"{at}\"");
        if (watchMs is { } ms)
        {
            json.Append(CultureInfo.InvariantCulture, $",\"watchMs\":{ms},\"durationMs\":15000");
        }

        json.Append('}');
    }

    /// <summary>Users drawn Zipf-like: user 0 most often, a long tail rarely (a few heavy users, as on real platforms).</summary>
    private sealed class ZipfUsers
    {
        private readonly double[] _cumulative;

        public ZipfUsers(int users, double exponent)
        {
            _cumulative = new double[users];
            var total = 0d;
            for (var i = 0; i < users; i++)
            {
                total += 1 / Math.Pow(i + 1, exponent);
                _cumulative[i] = total;
            }

            for (var i = 0; i < users; i++)
            {
                _cumulative[i] /= total;
            }
        }

        public int Next(Random random)
        {
            var index = Array.BinarySearch(_cumulative, random.NextDouble());
            return Math.Min(_cumulative.Length - 1, index >= 0 ? index : ~index);
        }
    }
}
