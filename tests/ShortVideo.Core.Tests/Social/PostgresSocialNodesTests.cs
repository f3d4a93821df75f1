using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Interactions;
using ShortVideo.Social;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Social;

/// <summary>
/// Two nodes on one PostgreSQL database (two service providers: their own data sources, caches and connections, like
/// two hosts) writing the same users' rows at once: what SQLite's single writer gave for free must still hold.
/// </summary>
public sealed class PostgresSocialNodesTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SocialHarness _h = null!;
    private ServiceProvider _a = null!;
    private ServiceProvider _b = null!;

    public async Task InitializeAsync()
    {
        _h = await SocialHarness.CreateAsync(MetadataEngineKind.Postgres);
        _a = _h.Services;
        _b = _h.AddNode();
    }

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task The_same_client_event_posted_to_two_nodes_at_once_counts_once()
    {
        var outcomes = await PostViewsToBothNodesAsync(static (_, i) => $"e{i}");

        Assert.All(outcomes, pair => Assert.Equal([EventOutcome.Repeat, EventOutcome.Counted], pair));
    }

    [Fact]
    public async Task Views_of_one_video_posted_to_two_nodes_at_once_under_different_event_ids_count_once()
    {
        var outcomes = await PostViewsToBothNodesAsync(static (node, i) => $"{node}{i}");

        Assert.All(outcomes, pair => Assert.Equal([EventOutcome.Recorded, EventOutcome.Counted], pair));
    }

    [Fact]
    public async Task A_like_from_one_node_is_read_by_another_and_withdrawn_there()
    {
        var at = _h.Time.GetUtcNow();
        Assert.True(await _a.GetRequiredService<IInteractionStore>().SetLikedAsync("fan", "clip", true, at, None));

        Assert.Equal(["clip"], await _b.GetRequiredService<IViewerSignals>().LikedAmongAsync("fan", ["clip", "other"], None));
        Assert.False(await _b.GetRequiredService<IInteractionStore>().SetLikedAsync("fan", "clip", true, at, None));
        Assert.True(await _b.GetRequiredService<IInteractionStore>().SetLikedAsync("fan", "clip", false, at, None));
        Assert.Empty(await _a.GetRequiredService<IViewerSignals>().LikedAmongAsync("fan", ["clip"], None));
    }

    [Fact]
    public async Task A_follow_and_a_block_of_one_pair_racing_on_two_nodes_never_leave_both()
    {
        var at = _h.Time.GetUtcNow();
        var races = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            var follow = Task.Run(async () => await _a.GetRequiredService<ISocialGraph>().FollowAsync($"fan{i}", $"star{i}", at, None));
            var block = Task.Run(async () => await _b.GetRequiredService<ISocialGraph>().BlockAsync($"star{i}", $"fan{i}", at, None));
            return (i, Follow: await follow, Block: await block);
        })).ToList();

        foreach (var (i, follow, block) in await Task.WhenAll(races))
        {
            Assert.Empty(await _b.GetRequiredService<ISocialGraph>().FollowedAmongAsync($"fan{i}", [$"star{i}"], None));
            Assert.Equal(follow == FollowChange.Added, block.RemovedFollower);
        }
    }

    [Fact]
    public async Task Two_nodes_creating_users_whose_derived_handles_collide_at_once_give_them_different_handles()
    {
        var ids = Enumerable.Range(0, 10).Select(i => i % 2 == 0 ? $"Twin{i}" : $"twin{i - 1}").ToList();
        var created = await Task.WhenAll(ids.Select((id, i) => Task.Run(async () =>
            await (i % 2 == 0 ? _a : _b).GetRequiredService<IUserDirectory>().EnsureAsync(id, None))));
        var again = await Task.WhenAll(ids.Select(id => Task.Run(async () => await _b.GetRequiredService<IUserDirectory>().EnsureAsync(id, None))));

        Assert.Equal(ids.Count, created.Select(p => p.Handle.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(created.Select(p => (p.Id, p.Handle)), again.Select(p => (p.Id, p.Handle)));
    }

    /// <summary>
    /// One user's view of each of 20 videos, posted to node "a" and node "b" at once under the event id
    /// <paramref name="eventId"/>(node, video number); returns each video's two outcomes, in enum order.
    /// </summary>
    private async Task<IEnumerable<EventOutcome[]>> PostViewsToBothNodesAsync(Func<string, int, string> eventId)
    {
        var at = _h.Time.GetUtcNow();
        var posts = Enumerable.Range(0, 20).SelectMany(i => new[] { ("a", _a), ("b", _b) }.Select(node => Task.Run(async () =>
        {
            var store = node.Item2.GetRequiredService<IInteractionStore>();
            var view = new UserInteraction("fan", InteractionType.View, $"v{i}", null, at, WatchMs: 900);
            return (i, Outcome: (await store.RecordAsync("fan", [new(eventId(node.Item1, i), view)], at, None)).Single());
        })));
        var outcomes = await Task.WhenAll(posts);
        return outcomes.GroupBy(o => o.i).Select(pair => pair.Select(o => o.Outcome).Order().ToArray());
    }
}
