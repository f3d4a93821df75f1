using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Testing;
using ShortVideo.Trending;

namespace ShortVideo.Core.Tests.Trending;

/// <summary>Trending's stored minute buckets (<see cref="ITrendingStore"/>), the same assertions on every metadata engine.</summary>
public abstract class TrendingStoreContract(MetadataEngineKind kind) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private MetadataEngine _engine = null!;
    private ServiceProvider _services = null!;

    private ITrendingStore Store => _services.GetRequiredService<ITrendingStore>();

    public async Task InitializeAsync()
    {
        _engine = await MetadataEngine.CreateAsync(kind);
        var services = new ServiceCollection();
        services.AddLogging();
        _engine.AddStores(services.AddShortVideo());
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task Saving_a_minute_replaces_its_whole_bucket_and_leaves_other_minutes_alone()
    {
        await Store.SaveAsync([(10, Bucket(("a", 1, 0), ("b", 2, 1))), (11, Bucket(("a", 0.5, 0)))], oldestKept: 0, None);

        await Store.SaveAsync([(10, Bucket(("c", 3, 0)))], oldestKept: 0, None);

        Assert.Equal(
            [(10L, "c", new TrendingWeight(3, 0)), (11L, "a", new TrendingWeight(0.5, 0))],
            Sorted(await Store.LoadAsync(0, None)));
    }

    [Fact]
    public async Task Minutes_before_the_oldest_kept_are_dropped_on_save_and_not_loaded()
    {
        await Store.SaveAsync([(5, Bucket(("old", 1, 0))), (8, Bucket(("mid", 1, 0))), (9, Bucket(("new", 1, 0)))], oldestKept: 0, None);

        Assert.Equal(["mid", "new"], Sorted(await Store.LoadAsync(8, None)).Select(r => r.VideoId));
        await Store.SaveAsync([], oldestKept: 9, None);

        Assert.Equal(["new"], Sorted(await Store.LoadAsync(0, None)).Select(r => r.VideoId));
    }

    [Fact]
    public async Task A_removed_video_is_gone_from_every_stored_minute_and_an_empty_bucket_empties_its_minute()
    {
        await Store.SaveAsync([(1, Bucket(("gone", 1, 1), ("kept", 2, 0))), (2, Bucket(("gone", 4, 0))), (3, Bucket(("short", 1, 0)))], oldestKept: 0, None);

        await Store.RemoveAsync("gone", None);
        await Store.SaveAsync([(3, Bucket())], oldestKept: 0, None);

        Assert.Equal([(1L, "kept", new TrendingWeight(2, 0))], Sorted(await Store.LoadAsync(0, None)));
    }

    private static Dictionary<string, TrendingWeight> Bucket(params (string VideoId, double Interactions, double Uploads)[] weights) =>
        weights.ToDictionary(w => w.VideoId, w => new TrendingWeight(w.Interactions, w.Uploads), StringComparer.Ordinal);

    private static List<(long Minute, string VideoId, TrendingWeight Weight)> Sorted(List<(long Minute, string VideoId, TrendingWeight Weight)> rows) =>
        [.. rows.OrderBy(r => r.Minute).ThenBy(r => r.VideoId, StringComparer.Ordinal)];
}

/// <summary>The trending store contract on SQLite.</summary>
public sealed class SqliteTrendingStoreTests() : TrendingStoreContract(MetadataEngineKind.Sqlite);

/// <summary>The trending store contract on PostgreSQL.</summary>
public sealed class PostgresTrendingStoreTests() : TrendingStoreContract(MetadataEngineKind.Postgres);
