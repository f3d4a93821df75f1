using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Feeds.Following;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Feeds;

/// <summary>The following inboxes in SQLite.</summary>
public sealed class SqliteFollowingInboxTests() : FollowingInboxContract(MetadataEngineKind.Sqlite);

/// <summary>The following inboxes in PostgreSQL on a real server.</summary>
public sealed class PostgresFollowingInboxTests() : FollowingInboxContract(MetadataEngineKind.Postgres);

/// <summary>The store behind the Following feed's push side on each engine: bounded, idempotent, newest first, removable.</summary>
public abstract class FollowingInboxContract(MetadataEngineKind engine) : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private StoreServices _stores = null!;
    private ServiceProvider _services = null!;

    private IFollowingInbox Inbox => _services.GetRequiredService<IFollowingInbox>();

    public async Task InitializeAsync()
    {
        _stores = await StoreServices.CreateAsync(engine);
        _services = _stores.Node();
    }

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task Entries_come_newest_first_once_each_and_a_page_continues_after_the_last_one_read()
    {
        InboxEntry[] entries = [Entry("v1", "alice", 1), Entry("v2", "bob", 2), Entry("v3", "alice", 2), Entry("v4", "bob", 3)];
        await Inbox.AddAsync(["ann", "ben"], entries, 100, None);
        await Inbox.AddAsync(["ann"], entries, 100, None);

        var first = await Inbox.ReadAsync("ann", null, 2, None);
        var rest = await Inbox.ReadAsync("ann", first[^1], 10, None);

        Assert.Equal(["v4", "v3"], first.Select(e => e.VideoId));
        Assert.Equal(["v2", "v1"], rest.Select(e => e.VideoId));
        Assert.Equal(entries[0], rest[^1]);
        Assert.Equal(4, (await Inbox.ReadAsync("ben", null, 10, None)).Count);
        Assert.Empty(await Inbox.ReadAsync("nobody", null, 10, None));
    }

    [Fact]
    public async Task A_batch_push_trims_every_inbox_to_its_capacity_and_trim_keeps_exactly_the_newest()
    {
        await Inbox.AddAsync(["ann", "ben"], [.. Enumerable.Range(0, 6).Select(i => Entry($"v{i}", "alice", i))], 3, None);
        Assert.Equal(["v5", "v4", "v3"], (await Inbox.ReadAsync("ann", null, 10, None)).Select(e => e.VideoId));
        Assert.Equal(["v5", "v4", "v3"], (await Inbox.ReadAsync("ben", null, 10, None)).Select(e => e.VideoId));

        for (var i = 6; i < 40; i++)
        {
            await Inbox.AddAsync(["ann"], [Entry($"v{i}", "alice", i)], 3, None);
        }

        await Inbox.TrimAsync("ann", 2, None);
        await Inbox.TrimAsync("ben", 5, None);

        Assert.Equal(["v39", "v38"], (await Inbox.ReadAsync("ann", null, 100, None)).Select(e => e.VideoId));
        Assert.Equal(3, (await Inbox.ReadAsync("ben", null, 100, None)).Count);
    }

    [Fact]
    public async Task A_removed_video_leaves_every_inbox_and_a_removed_creator_leaves_one_inbox_only()
    {
        await Inbox.AddAsync(["ann", "ben"], [Entry("a1", "alice", 1), Entry("b1", "bob", 2), Entry("a2", "alice", 3)], 10, None);

        await Inbox.RemoveVideoAsync("b1", None);
        await Inbox.RemoveCreatorAsync("ann", "alice", None);
        await Inbox.RemoveVideoAsync("never-pushed", None);

        Assert.Empty(await Inbox.ReadAsync("ann", null, 10, None));
        Assert.Equal(["a2", "a1"], (await Inbox.ReadAsync("ben", null, 10, None)).Select(e => e.VideoId));
    }

    [Fact]
    public async Task When_an_inbox_was_checked_and_which_creators_are_large_are_remembered()
    {
        Assert.Null(await Inbox.GetCheckedAtAsync("ann", None));
        await Inbox.SetCheckedAtAsync("ann", Start, None);
        await Inbox.SetCheckedAtAsync("ann", Start.AddMinutes(5), None);
        await Inbox.MarkLargeCreatorAsync("star", None);
        await Inbox.MarkLargeCreatorAsync("star", None);

        Assert.Equal(Start.AddMinutes(5), await Inbox.GetCheckedAtAsync("ann", None));
        Assert.Null(await Inbox.GetCheckedAtAsync("ben", None));
        Assert.Equal(["star"], await Inbox.LargeCreatorsAmongAsync(["star", "small", "other"], None));
        Assert.Empty(await Inbox.LargeCreatorsAmongAsync([], None));
    }

    private static InboxEntry Entry(string videoId, string creatorId, int minute) => new(videoId, creatorId, Start.AddMinutes(minute));
}
