using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Search;
using ShortVideo.Storage.Sqlite;

namespace ShortVideo.Cli.Bench;

/// <summary>
/// <c>svctl bench search</c>: builds the node's own search index (SQLite FTS5 in a temporary data directory, through
/// <see cref="IVideoSearchIndex"/> and <see cref="IUserSearchIndex"/>, no media) from a synthetic corpus, then times
/// mixed queries on several threads against a plain one-word FTS5 MATCH on the same file and threads.
/// </summary>
internal static class BenchSearchRun
{
    private const int BatchSize = 2000;
    private const int PageSize = 20;

    public static async Task<BenchSearchReport> RunAsync(BenchSearchSettings settings, Action<string> status, CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("svctl-bench-search-");
        try
        {
            var services = new ServiceCollection();
            services.Configure<DataDirectoryOptions>(o => o.Path = directory.FullName);
            services.AddLogging();
            services.AddShortVideo().AddSqliteMetadata().AddSqliteSearch();
            var provider = services.BuildServiceProvider();
            await using (provider.ConfigureAwait(false))
            {
                var videos = provider.GetRequiredService<IVideoSearchIndex>();
                var users = provider.GetRequiredService<IUserSearchIndex>();
                var corpus = new SearchCorpus(settings.Vocabulary, Math.Max(100, settings.Vocabulary / 10), Math.Clamp(settings.Captions / 100, 100, 100_000), settings.Seed);

                var build = Stopwatch.StartNew();
                await BuildAsync(corpus, settings, videos, users, status, cancellationToken).ConfigureAwait(false);
                var buildSeconds = build.Elapsed.TotalSeconds;

                status($"timing mixed queries on {settings.Threads} threads for {settings.Seconds} s");
                var mixed = await TimeAsync(settings, seed => MixedQuery(corpus, videos, users, seed), cancellationToken).ConfigureAwait(false);

                status($"timing the baseline (one exact word, plain FTS5 MATCH) for {settings.Seconds} s");
                var databasePath = Path.Combine(directory.FullName, SqliteMetadataFile.FileName);
                var connections = new System.Collections.Concurrent.ConcurrentBag<SqliteConnection>();
                Dictionary<SearchQueryKind, Timing> baseline;
                try
                {
                    baseline = await TimeAsync(settings, seed => BaselineQuery(corpus, databasePath, seed, connections), cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    foreach (var connection in connections)
                    {
                        await connection.DisposeAsync().ConfigureAwait(false);
                    }
                }

                var load = LoadAverage.OneMinute();

                var all = mixed.SelectMany(m => m.Value.Latencies).Order().ToArray();
                var baselineAll = baseline.SelectMany(m => m.Value.Latencies).Order().ToArray();
                var p99 = Percentiles.NearestRank(all, 99);
                var baselineP99 = Percentiles.NearestRank(baselineAll, 99);
                var qps = all.Length / settings.Seconds;
                var baselineQps = baselineAll.Length / settings.Seconds;
                return new BenchSearchReport
                {
                    Captions = settings.Captions,
                    Users = corpus.Users.Length,
                    Vocabulary = settings.Vocabulary,
                    Threads = settings.Threads,
                    Seconds = settings.Seconds,
                    BuildSeconds = Math.Round(buildSeconds, 2),
                    DatabaseBytes = new FileInfo(databasePath).Length + (File.Exists(databasePath + "-wal") ? new FileInfo(databasePath + "-wal").Length : 0),
                    Queries = all.Length,
                    QueriesPerSecond = Math.Round(qps, 1),
                    P50Ms = Math.Round(Percentiles.NearestRank(all, 50), 3),
                    P99Ms = Math.Round(p99, 3),
                    P999Ms = Math.Round(Percentiles.NearestRank(all, 99.9), 3),
                    MeanResults = Math.Round(mixed.Sum(m => m.Value.Results) / (double)Math.Max(1, all.Length), 2),
                    P99MsByKind = mixed.ToDictionary(m => m.Key.ToString().ToLowerInvariant(), m => Math.Round(Percentiles.NearestRank(m.Value.Latencies.Order().ToArray(), 99), 3)),
                    BaselineQueriesPerSecond = Math.Round(baselineQps, 1),
                    BaselineP50Ms = Math.Round(Percentiles.NearestRank(baselineAll, 50), 3),
                    BaselineP99Ms = Math.Round(baselineP99, 3),
                    P99Ratio = baselineP99 > 0 ? Math.Round(p99 / baselineP99, 2) : 0,
                    ThroughputRatio = baselineQps > 0 ? Math.Round(qps / baselineQps, 3) : 0,
                    LoadAverage = load,
                };
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            BenchTempDirectory.TryDelete(directory);
        }
    }

    private static async Task BuildAsync(
        SearchCorpus corpus, BenchSearchSettings settings, IVideoSearchIndex videos, IUserSearchIndex users, Action<string> status, CancellationToken cancellationToken)
    {
        var random = new Random(settings.Seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        foreach (var (id, handle, name) in corpus.Users)
        {
            await users.UpsertAsync(id, handle, name, cancellationToken).ConfigureAwait(false);
        }

        var batch = new List<SearchableVideo>(BatchSize);
        for (var i = 0; i < settings.Captions; i++)
        {
            var creator = corpus.Users[random.Next(corpus.Users.Length)].Id;
            batch.Add(new SearchableVideo($"v{i}", creator, corpus.Caption(random), start.AddSeconds(i)));
            if (batch.Count == BatchSize || i == settings.Captions - 1)
            {
                await videos.IndexAsync(batch, cancellationToken).ConfigureAwait(false);
                batch.Clear();
                if ((i + 1) % 100_000 < BatchSize)
                {
                    status($"indexed {i + 1} of {settings.Captions} captions");
                }
            }
        }
    }

    /// <summary>One thread's query loop: returns (kind, latency ms, results) per query until the deadline.</summary>
    private sealed record Timing(List<double> Latencies, long Results);

    private static async Task<Dictionary<SearchQueryKind, Timing>> TimeAsync(
        BenchSearchSettings settings, Func<int, Func<Task<(SearchQueryKind Kind, int Results)>>> makeWorker, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(settings.Seconds * Stopwatch.Frequency);
        var workers = Enumerable.Range(0, settings.Threads).Select(t => Task.Factory.StartNew(
            async () =>
            {
                var query = makeWorker(settings.Seed * 1000 + t);
                var timings = new Dictionary<SearchQueryKind, Timing>();
                while (Stopwatch.GetTimestamp() < deadline && !cancellationToken.IsCancellationRequested)
                {
                    var begin = Stopwatch.GetTimestamp();
                    var (kind, results) = await query().ConfigureAwait(false);
                    var elapsed = Stopwatch.GetElapsedTime(begin).TotalMilliseconds;
                    if (!timings.TryGetValue(kind, out var timing))
                    {
                        timings[kind] = timing = new Timing([], 0);
                    }

                    timing.Latencies.Add(elapsed);
                    timings[kind] = timing with { Results = timing.Results + results };
                }

                return timings;
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default).Unwrap()).ToArray();
        var merged = new Dictionary<SearchQueryKind, Timing>();
        foreach (var result in await Task.WhenAll(workers).ConfigureAwait(false))
        {
            foreach (var (kind, timing) in result)
            {
                merged[kind] = merged.TryGetValue(kind, out var before)
                    ? new Timing([.. before.Latencies, .. timing.Latencies], before.Results + timing.Results)
                    : timing;
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        return merged;
    }

    private static Func<Task<(SearchQueryKind, int)>> MixedQuery(SearchCorpus corpus, IVideoSearchIndex videos, IUserSearchIndex users, int seed)
    {
        var random = new Random(seed);
        return async () =>
        {
            var (kind, text) = SearchWorkload.Next(corpus, random);
            if (!SearchQuery.TryParse(text, out var query, out var problem))
            {
                throw new BenchException($"the workload made a query the index refuses ({problem})");
            }

            var results = kind == SearchQueryKind.User
                ? (await users.SearchAsync(query, null, PageSize, CancellationToken.None).ConfigureAwait(false)).Items.Count
                : (await videos.SearchAsync(query, null, PageSize, CancellationToken.None).ConfigureAwait(false)).Items.Count;
            return (kind, results);
        };
    }

    private static Func<Task<(SearchQueryKind, int)>> BaselineQuery(
        SearchCorpus corpus, string databasePath, int seed, System.Collections.Concurrent.ConcurrentBag<SqliteConnection> connections)
    {
        var random = new Random(seed);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connections.Add(connection);
        connection.Open();
        var command = connection.CreateCommand();

        // The node's own full-text table, read the plainest way: one quoted word, the first 20 rows, no ranking.
        command.CommandText = $"SELECT rowid FROM search_video_text WHERE search_video_text MATCH $word LIMIT {PageSize}";
        var word = command.Parameters.Add(new SqliteParameter { ParameterName = "$word" });
        return async () =>
        {
            word.Value = "\"" + corpus.Word(random) + "\"";
            var rows = 0;
            using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                rows++;
            }

            return (SearchQueryKind.Words, rows);
        };
    }
}
