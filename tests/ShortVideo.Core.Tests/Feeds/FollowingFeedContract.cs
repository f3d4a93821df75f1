using System.Text;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Catalog;
using ShortVideo.Feeds;
using ShortVideo.Feeds.Following;
using ShortVideo.Social;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Feeds;

/// <summary>The Following feed on SQLite.</summary>
public sealed class SqliteFollowingFeedTests() : FollowingFeedContract(MetadataEngineKind.Sqlite);

/// <summary>The Following feed on PostgreSQL.</summary>
public sealed class PostgresFollowingFeedTests() : FollowingFeedContract(MetadataEngineKind.Postgres);

/// <summary>The Following feed's hybrid fan-out on each engine's real inbox, catalog and social graph.</summary>
public abstract class FollowingFeedContract(MetadataEngineKind engine) : IAsyncLifetime
{
    private const int Threshold = 3;
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly ManualTimeProvider _time = new();
    private MetadataEngine _engine = null!;
    private ServiceProvider _services = null!;
    private int _clock;

    private IFollowingFeed Feed => _services.GetRequiredService<IFollowingFeed>();

    private IFollowingInbox Inbox => _services.GetRequiredService<IFollowingInbox>();

    private IVideoCatalog Catalog => _services.GetRequiredService<IVideoCatalog>();

    private SocialService Social => _services.GetRequiredService<SocialService>();

    public async Task InitializeAsync()
    {
        _engine = await MetadataEngine.CreateAsync(engine);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.Configure<FollowingFeedOptions>(o =>
        {
            o.FanOutThreshold = Threshold;
            o.InboxCapacity = 10;
            o.BackfillPerCreator = 5;
        });
        _engine.AddStores(services.AddShortVideo().AddFileSystemStorage()).AddSocial().AddShortVideoFollowingFeed();
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task Pushed_videos_of_followees_come_newest_first_and_pages_neither_skip_nor_repeat()
    {
        await FollowAsync("viewer", "alice");
        await FollowAsync("viewer", "bob");
        await ReadAsync("viewer"); // the first read marks the inbox complete
        var published = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            published.Add(await PublishAsync($"v{i}", i % 2 == 0 ? "alice" : "bob"));
        }

        await PublishAsync("stranger-video", "carol");

        var pages = await ReadAllAsync("viewer", limit: 3);

        Assert.Equal([3, 3, 1], pages.Select(p => p.Count));
        Assert.Equal(Enumerable.Reverse(published), pages.SelectMany(p => p));
        Assert.Equal(7, (await Inbox.ReadAsync("viewer", null, 100, None)).Count);
    }

    [Fact]
    public async Task A_large_creators_videos_are_pulled_at_read_time_and_merged_in_order_instead_of_pushed()
    {
        await FollowAsync("viewer", "small");
        await FollowAsync("viewer", "star");
        for (var i = 0; i < Threshold; i++)
        {
            await FollowAsync($"fan{i}", "star");
        }
        await ReadAsync("viewer");

        var expected = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            expected.Add(await PublishAsync($"m{i}", i % 3 == 0 ? "star" : "small"));
        }

        var pages = await ReadAllAsync("viewer", limit: 4);

        Assert.Equal(Enumerable.Reverse(expected), pages.SelectMany(p => p));
        var inbox = await Inbox.ReadAsync("viewer", null, 100, None);
        Assert.DoesNotContain(inbox, e => e.CreatorId == "star");
        Assert.Equal(4, inbox.Count);
    }

    [Fact]
    public async Task A_follower_inactive_beyond_the_window_gets_no_push_and_finds_the_videos_when_they_return()
    {
        await FollowAsync("sleeper", "alice");
        await ReadAsync("sleeper");
        _time.Advance(TimeSpan.FromDays(8));

        var video = await PublishAsync("while-away", "alice");

        Assert.Empty(await Inbox.ReadAsync("sleeper", null, 10, None));
        Assert.Equal([video], await ReadAsync("sleeper"));
    }

    [Fact]
    public async Task Unfollow_and_block_take_a_creators_videos_off_the_next_page()
    {
        await FollowAsync("viewer", "alice");
        await FollowAsync("viewer", "bob");
        await ReadAsync("viewer");
        var fromAlice = await PublishAsync("a1", "alice");
        var fromBob = await PublishAsync("b1", "bob");
        Assert.Equal([fromBob, fromAlice], await ReadAsync("viewer"));

        await Social.SetFollowingAsync("viewer", "alice", follow: false, None);
        Assert.Equal([fromBob], await ReadAsync("viewer"));
        Assert.DoesNotContain(await Inbox.ReadAsync("viewer", null, 10, None), e => e.CreatorId == "alice");

        await Social.SetBlockedAsync("bob", "viewer", block: true, None);
        Assert.Empty(await ReadAsync("viewer"));
    }

    [Fact]
    public async Task Deleted_private_and_unfinished_videos_never_appear()
    {
        await FollowAsync("viewer", "alice");
        await ReadAsync("viewer");
        var kept = await PublishAsync("kept", "alice");
        var deleted = await PublishAsync("deleted", "alice");
        var madePrivate = await PublishAsync("made-private", "alice");
        await PublishAsync("private", "alice", VideoVisibility.Private);

        var record = (await Catalog.GetAsync(deleted, None))!;
        await Catalog.DeleteAsync(deleted, None);
        foreach (var listener in _services.GetServices<IVideoLifecycleListener>())
        {
            await listener.VideoDeletedAsync(record, None);
        }

        var hidden = (await Catalog.GetAsync(madePrivate, None))! with { Visibility = VideoVisibility.Private };
        await Catalog.UpdateAsync(hidden, None);
        foreach (var listener in _services.GetServices<IVideoLifecycleListener>())
        {
            await listener.VideoReadyAsync(hidden, None);
        }

        await Catalog.CreateAsync(Video("processing", "alice", VideoStatus.Processing), None);

        Assert.Equal([kept], await ReadAsync("viewer"));
        Assert.Equal([kept], (await Inbox.ReadAsync("viewer", null, 10, None)).Select(e => e.VideoId));
    }

    [Fact]
    public async Task Following_a_creator_brings_their_recent_public_videos_into_the_feed_at_once()
    {
        var older = await PublishAsync("old", "alice");
        var newer = await PublishAsync("new", "alice");
        await PublishAsync("hidden", "alice", VideoVisibility.Private);
        await ReadAsync("viewer");

        await FollowAsync("viewer", "alice");

        Assert.Equal([newer, older], await ReadAsync("viewer"));
        Assert.Equal(2, (await Inbox.ReadAsync("viewer", null, 10, None)).Count);
    }

    [Fact]
    public async Task An_inbox_stays_near_its_capacity_under_a_flood_and_at_it_once_read()
    {
        await FollowAsync("viewer", "alice");
        await ReadAsync("viewer");
        for (var i = 0; i < 60; i++)
        {
            await PublishAsync($"flood{i:00}", "alice");
        }

        // Pushes trim on about one video in 16 (a stable hash picks which): the inbox never grows with the flood.
        Assert.InRange((await Inbox.ReadAsync("viewer", null, 1000, None)).Count, 10, 60 - 1);
        Assert.Equal("flood59", (await ReadAsync("viewer"))[0]);

        // Reading the top of the feed trims the reader's inbox to its capacity exactly.
        Assert.Equal(10, (await Inbox.ReadAsync("viewer", null, 1000, None)).Count);
    }

    [Fact]
    public async Task A_cursor_of_another_viewer_a_tampered_one_and_an_expired_one_are_refused()
    {
        await FollowAsync("viewer", "alice");
        await FollowAsync("other", "alice");
        await ReadAsync("viewer");
        for (var i = 0; i < 3; i++)
        {
            await PublishAsync($"c{i}", "alice");
        }

        var cursor = (await Feed.GetPageAsync("viewer", null, 1, None)).NextCursor!;
        Assert.Single((await Feed.GetPageAsync("viewer", cursor, 1, None)).Items);

        await Assert.ThrowsAsync<FeedCursorException>(() => Feed.GetPageAsync("other", cursor, 1, None).AsTask());
        var bytes = System.Buffers.Text.Base64Url.DecodeFromChars(cursor);
        bytes[10] ^= 1;
        await Assert.ThrowsAsync<FeedCursorException>(() => Feed.GetPageAsync("viewer", System.Buffers.Text.Base64Url.EncodeToString(bytes), 1, None).AsTask());
        await Assert.ThrowsAsync<FeedCursorException>(() => Feed.GetPageAsync("viewer", Convert.ToBase64String(Encoding.UTF8.GetBytes("v1.0.x")), 1, None).AsTask());
        await Assert.ThrowsAsync<FeedCursorException>(() => Feed.GetPageAsync("viewer", new string('A', 5000), 1, None).AsTask());

        _time.Advance(TimeSpan.FromHours(25));
        await Assert.ThrowsAsync<FeedCursorException>(() => Feed.GetPageAsync("viewer", cursor, 1, None).AsTask());
    }

    [Fact]
    public async Task A_viewer_who_follows_no_one_gets_an_empty_page()
    {
        await PublishAsync("v", "alice");

        var page = await Feed.GetPageAsync("loner", null, 10, None);

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    private async Task<string> PublishAsync(string id, string creator, VideoVisibility visibility = VideoVisibility.Public)
    {
        var video = Video(id, creator, VideoStatus.Ready) with { Visibility = visibility };
        await Catalog.CreateAsync(video, None);
        foreach (var listener in _services.GetServices<IVideoLifecycleListener>())
        {
            await listener.VideoReadyAsync(video, None);
        }

        return id;
    }

    private VideoRecord Video(string id, string creator, VideoStatus status) => new()
    {
        Id = id,
        CreatorId = creator,
        Status = status,
        Sha256 = new string('0', 64),
        CreatedAt = _time.GetUtcNow().AddMilliseconds(++_clock),
    };

    /// <summary>Both users exist and are active now (their first request), then one follows the other.</summary>
    private async Task FollowAsync(string follower, string followee)
    {
        var users = _services.GetRequiredService<IUserDirectory>();
        await users.EnsureAsync(follower, None);
        await users.EnsureAsync(followee, None);
        Assert.Equal(FollowStatus.Done, (await Social.SetFollowingAsync(follower, followee, follow: true, None)).Status);
    }

    private async Task<List<string>> ReadAsync(string viewer) =>
        [.. (await Feed.GetPageAsync(viewer, null, IFollowingFeed.MaxLimit, None)).Items.Select(v => v.Video.Id)];

    private async Task<List<List<string>>> ReadAllAsync(string viewer, int limit)
    {
        var pages = new List<List<string>>();
        string? cursor = null;
        do
        {
            var page = await Feed.GetPageAsync(viewer, cursor, limit, None);
            pages.Add([.. page.Items.Select(v => v.Video.Id)]);
            cursor = page.NextCursor;
        }
        while (cursor is not null && pages.Count < 20);

        return pages;
    }
}
