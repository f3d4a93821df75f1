using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Interactions;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Interactions;

/// <summary>The durable side of counters (<see cref="ICounterStore"/>), the same assertions on every metadata engine.</summary>
public abstract class CounterStoreContract(MetadataEngineKind kind) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<ServiceProvider> _nodes = [];

    protected MetadataEngine Engine { get; private set; } = null!;

    public async Task InitializeAsync() => Engine = await MetadataEngine.CreateAsync(kind);

    public async Task DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }

        await Engine.DisposeAsync();
    }

    [Fact]
    public async Task Flushed_deltas_add_up_even_when_negative_and_unknown_ids_read_as_absent_or_zero()
    {
        var store = Node();
        await store.AddAsync(Videos(("v1", new VideoCounts(3, 2, 1, 0))), Users(("u1", new UserCounts(5, 1, 2))), None);
        await store.AddAsync(Videos(("v1", new VideoCounts(1, -1, 0, 4)), ("v2", new VideoCounts(0, 0, 0, 1))), Users(("u1", new UserCounts(-2, 0, 1))), None);

        var videos = await store.GetVideoCountsAsync(["v1", "v2", "unknown"], None);

        Assert.Equal(new VideoCounts(4, 1, 1, 4), videos["v1"]);
        Assert.Equal(new VideoCounts(0, 0, 0, 1), videos["v2"]);
        Assert.False(videos.ContainsKey("unknown"));
        Assert.Equal(new UserCounts(3, 1, 3), await store.GetUserCountsAsync("u1", None));
        Assert.Equal(default, await store.GetUserCountsAsync("nobody", None));
        Assert.Empty(await store.GetVideoCountsAsync([], None));
    }

    [Fact]
    public async Task A_deleted_video_forgets_its_counters_and_counts_from_zero_again()
    {
        var store = Node();
        await store.AddAsync(Videos(("gone", new VideoCounts(9, 9, 9, 9))), Users(), None);

        await store.DeleteVideoAsync("gone", None);
        Assert.Empty(await store.GetVideoCountsAsync(["gone"], None));
        await store.AddAsync(Videos(("gone", new VideoCounts(1, 0, 0, 0))), Users(), None);

        Assert.Equal(new VideoCounts(1, 0, 0, 0), (await store.GetVideoCountsAsync(["gone"], None))["gone"]);
    }

    [Fact]
    public async Task Two_nodes_flushing_the_same_counters_at_once_lose_no_delta()
    {
        // Each node is its own service provider: on PostgreSQL its own data source and connections, like two hosts.
        var nodes = new[] { Node(), Node() };
        const int FlushesPerNode = 40;

        await Task.WhenAll(nodes.Select(store => Task.Run(async () =>
        {
            for (var i = 0; i < FlushesPerNode; i++)
            {
                // Both nodes touch both rows of both tables, in different orders, every flush.
                await store.AddAsync(
                    Videos(("hot", new VideoCounts(1, 2, 0, 0)), ("warm", new VideoCounts(0, 0, 1, 1))),
                    Users(("star", new UserCounts(1, 0, 1)), ("fan", new UserCounts(0, 1, 0))),
                    None);
            }
        })));

        var total = 2 * FlushesPerNode;
        var videos = await nodes[0].GetVideoCountsAsync(["hot", "warm"], None);
        Assert.Equal(new VideoCounts(total, 2 * total, 0, 0), videos["hot"]);
        Assert.Equal(new VideoCounts(0, 0, total, total), videos["warm"]);
        Assert.Equal(new UserCounts(total, 0, total), await nodes[1].GetUserCountsAsync("star", None));
        Assert.Equal(new UserCounts(0, total, 0), await nodes[1].GetUserCountsAsync("fan", None));
    }

    private static Dictionary<string, VideoCounts> Videos(params (string Id, VideoCounts Counts)[] rows) =>
        rows.ToDictionary(r => r.Id, r => r.Counts, StringComparer.Ordinal);

    private static Dictionary<string, UserCounts> Users(params (string Id, UserCounts Counts)[] rows) =>
        rows.ToDictionary(r => r.Id, r => r.Counts, StringComparer.Ordinal);

    private ICounterStore Node()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        Engine.AddStores(services.AddShortVideo());
        var provider = services.BuildServiceProvider();
        _nodes.Add(provider);
        return provider.GetRequiredService<ICounterStore>();
    }
}

/// <summary>The counter contract on SQLite.</summary>
public sealed class SqliteCounterStoreTests() : CounterStoreContract(MetadataEngineKind.Sqlite);

/// <summary>The counter contract on PostgreSQL.</summary>
public sealed class PostgresCounterStoreTests() : CounterStoreContract(MetadataEngineKind.Postgres);
