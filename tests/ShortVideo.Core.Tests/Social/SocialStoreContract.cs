using ShortVideo.Catalog;
using ShortVideo.Comments;
using ShortVideo.Interactions;
using ShortVideo.Paging;
using ShortVideo.Social;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Social;

/// <summary>The social services and their stores, below HTTP, the same assertions on every metadata engine: observers, exact batched counters, activity, the graph, signals, comments.</summary>
public abstract class SocialStoreContract(MetadataEngineKind kind) : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private SocialHarness _h = null!;

    public async Task InitializeAsync() => _h = await SocialHarness.CreateAsync(kind);

    public async Task DisposeAsync() => await _h.DisposeAsync();

    [Fact]
    public async Task Observers_hear_each_accepted_interaction_once_and_neither_repeats_nor_likes_that_changed_nothing()
    {
        await _h.VideoAsync("v1", "creator");
        var service = _h.Get<InteractionService>();
        var now = _h.Time.GetUtcNow();
        ClientEvent?[] batch =
        [
            new ClientEvent { ClientEventId = "a", Type = "view", VideoId = "v1", At = now, WatchMs = 1200, DurationMs = 3000 },
            new ClientEvent { ClientEventId = "b", Type = "like", VideoId = "v1", At = now },
            new ClientEvent { ClientEventId = "a", Type = "view", VideoId = "v1", At = now, WatchMs = 1200 },
            new ClientEvent { ClientEventId = "c", Type = "like", VideoId = "missing", At = now },
        ];
        Assert.True(ClientEvents.TryParse("fan", batch, now, out var events, out var error), error);

        var result = await service.RecordAsync("fan", events, None);
        await service.SetLikedAsync(new VideoViewer("fan"), "v1", liked: true, None);
        await service.SetLikedAsync(new VideoViewer("fan"), "v1", liked: false, None);

        Assert.Equal(new EventBatchResult(2, 1, 1), result);
        Assert.Equal(
            [(InteractionType.View, 1200L), (InteractionType.Like, 0L), (InteractionType.Unlike, 0L)],
            _h.Heard.All.Select(i => (i.Kind, i.WatchMs)));
        Assert.All(_h.Heard.All, i => Assert.Equal("fan", i.UserId));
    }

    [Fact]
    public async Task Counters_are_exact_before_a_flush_after_it_and_in_the_store_once_flushed()
    {
        await _h.VideoAsync("v2", "maker");
        var service = _h.Get<InteractionService>();
        var reader = _h.Get<ICounterReader>();
        var store = _h.Get<ICounterStore>();
        await service.SetLikedAsync(new VideoViewer("a"), "v2", true, None);
        await service.SetLikedAsync(new VideoViewer("b"), "v2", true, None);

        Assert.Equal(2, (await reader.GetVideoCountsAsync(["v2"], None))["v2"].Likes);
        Assert.Empty(await store.GetVideoCountsAsync(["v2"], None));

        await _h.Get<BatchedCounters>().FlushAsync(None);
        await service.SetLikedAsync(new VideoViewer("c"), "v2", true, None);

        Assert.Equal(2, (await store.GetVideoCountsAsync(["v2"], None))["v2"].Likes);
        Assert.Equal(3, (await reader.GetVideoCountsAsync(["v2"], None))["v2"].Likes);
        Assert.Equal(3, (await reader.GetUserCountsAsync("maker", None)).Likes);
        Assert.Equal(default, (await reader.GetVideoCountsAsync(["unknown"], None))["unknown"]);
    }

    [Fact]
    public async Task A_user_is_created_once_and_written_active_at_most_once_an_hour()
    {
        var users = _h.Get<IUserDirectory>();
        var created = await users.EnsureAsync("walker", None);
        _h.Time.Advance(TimeSpan.FromMinutes(1));
        var again = await users.EnsureAsync("walker", None);
        _h.Time.Advance(TimeSpan.FromHours(1));
        var later = await users.EnsureAsync("walker", None);

        Assert.Equal("walker", created.Handle);
        Assert.Equal(created.LastActiveAt, again.LastActiveAt);
        Assert.Equal(TimeSpan.Zero, created.LastActiveAt.TimeOfDay - TimeSpan.FromHours(created.LastActiveAt.Hour));
        Assert.Equal(TimeSpan.FromHours(1), later.LastActiveAt - created.LastActiveAt);
        Assert.Equal(later.LastActiveAt, (await users.GetAsync("walker", None))!.LastActiveAt);
        Assert.Equal(created.CreatedAt, later.CreatedAt);
    }

    [Fact]
    public async Task A_returning_users_new_active_hour_reaches_the_fan_out_query_within_seconds()
    {
        var users = _h.Get<IUserDirectory>();
        var graph = _h.Get<ISocialGraph>();
        await users.EnsureAsync("returning", None);
        await graph.FollowAsync("returning", "creator", _h.Time.GetUtcNow(), None);
        _h.Time.Advance(TimeSpan.FromDays(8));
        var since = _h.Time.GetUtcNow() - TimeSpan.FromDays(7);
        Assert.Empty(await graph.ListActiveFollowerIdsAsync("creator", since, 10, None));

        var back = await users.EnsureAsync("returning", None);

        Assert.True(back.LastActiveAt >= since);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        IReadOnlyList<string> active;
        do
        {
            await Task.Delay(50);
            active = await graph.ListActiveFollowerIdsAsync("creator", since, 10, None);
        }
        while (active.Count == 0 && DateTime.UtcNow < deadline);

        Assert.Equal(["returning"], active);
    }

    [Fact]
    public async Task Only_followers_active_since_the_given_time_are_listed_for_fan_out()
    {
        var users = _h.Get<IUserDirectory>();
        var graph = _h.Get<ISocialGraph>();
        var start = _h.Time.GetUtcNow();
        await users.EnsureAsync("idle", None);
        await graph.FollowAsync("idle", "creator", start, None);
        _h.Time.Advance(TimeSpan.FromDays(8));
        await users.EnsureAsync("busy", None);
        await graph.FollowAsync("busy", "creator", _h.Time.GetUtcNow(), None);

        var active = await graph.ListActiveFollowerIdsAsync("creator", _h.Time.GetUtcNow() - TimeSpan.FromDays(7), 10, None);

        Assert.Equal(["busy"], active);
        Assert.Equal(["creator"], await graph.ListFolloweeIdsAsync("idle", 10, None));
    }

    [Fact]
    public async Task The_store_refuses_a_follow_across_a_block_in_either_direction()
    {
        var graph = _h.Get<ISocialGraph>();
        var at = _h.Time.GetUtcNow();
        await graph.FollowAsync("x", "y", at, None);
        await graph.FollowAsync("y", "x", at, None);

        var change = await graph.BlockAsync("x", "y", at, None);

        Assert.Equal(new BlockChange(Added: true, RemovedFollow: true, RemovedFollower: true), change);
        Assert.Equal(FollowChange.Blocked, await graph.FollowAsync("y", "x", at, None));
        Assert.Equal(FollowChange.Blocked, await graph.FollowAsync("x", "y", at, None));
        Assert.Equal(new BlockState(ViewerBlocked: false, BlockedViewer: true), await graph.GetBlockStateAsync("y", "x", None));
        Assert.Equal(["y"], await graph.BlockedEitherWayAsync("x", None));
        Assert.Equal(["x"], await graph.BlockedEitherWayAsync("y", None));
    }

    [Fact]
    public async Task Viewer_signals_read_likes_not_interested_marks_and_the_most_recent_views()
    {
        var service = _h.Get<InteractionService>();
        foreach (var id in (string[])["w1", "w2", "w3"])
        {
            await _h.VideoAsync(id, "maker");
        }

        var now = _h.Time.GetUtcNow();
        ClientEvent?[] batch =
        [
            new ClientEvent { ClientEventId = "1", Type = "view", VideoId = "w1", At = now.AddMinutes(-3), WatchMs = 1 },
            new ClientEvent { ClientEventId = "2", Type = "complete", VideoId = "w2", At = now.AddMinutes(-2) },
            new ClientEvent { ClientEventId = "3", Type = "view", VideoId = "w3", At = now.AddMinutes(-1), WatchMs = 1 },
            new ClientEvent { ClientEventId = "4", Type = "not_interested", VideoId = "w1", At = now },
            new ClientEvent { ClientEventId = "5", Type = "like", VideoId = "w2", At = now },
        ];
        Assert.True(ClientEvents.TryParse("viewer", batch, now, out var events, out _));
        await service.RecordAsync("viewer", events, None);
        var signals = _h.Get<IViewerSignals>();

        Assert.Equal(["w2"], await signals.LikedAmongAsync("viewer", ["w1", "w2", "w3"], None));
        Assert.Equal(["w1"], await signals.NotInterestedAsync("viewer", None));
        Assert.Equal(new HashSet<string> { "w3", "w2" }, await signals.RecentlyWatchedAsync("viewer", 2, None));
    }

    [Fact]
    public async Task Concurrent_event_batches_written_together_each_count_once_and_a_client_event_id_repeated_across_them_counts_once()
    {
        await _h.VideoAsync("g1", "creator");
        var service = _h.Get<InteractionService>();
        var now = _h.Time.GetUtcNow();

        // Ten viewers post four one-view batches each at once; each viewer's batches carry two distinct event ids twice.
        var posts = Enumerable.Range(0, 40).Select(i =>
        {
            ClientEvent?[] batch = [new ClientEvent { ClientEventId = $"e{i % 20}", Type = "view", VideoId = "g1", At = now, WatchMs = 1000, DurationMs = 3000 }];
            Assert.True(ClientEvents.TryParse($"viewer{i % 10}", batch, now, out var events, out var error), error);
            return Task.Run(async () => await service.RecordAsync($"viewer{i % 10}", events, None));
        }).ToList();
        var results = await Task.WhenAll(posts);

        Assert.Equal(20, results.Sum(r => r.Accepted));
        Assert.Equal(20, results.Sum(r => r.Duplicates));
        Assert.Equal(20, _h.Heard.All.Count(i => i.Kind == InteractionType.View));
        var signals = _h.Get<IViewerSignals>();
        for (var v = 0; v < 10; v++)
        {
            Assert.Equal(["g1"], await signals.RecentlyWatchedAsync($"viewer{v}", 5, None));
        }
    }

    [Fact]
    public async Task Replies_posted_within_one_millisecond_list_in_the_order_they_were_written()
    {
        await _h.VideoAsync("talk", "creator");
        var comments = _h.Get<CommentService>();
        var top = await comments.AddAsync(new VideoViewer("a"), "talk", null, "first", None);

        // The manual clock stands still: every reply is posted at the same instant.
        var written = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            var reply = await comments.AddAsync(new VideoViewer(i % 2 == 0 ? "b" : "a"), "talk", top.Comment!.Id, $"reply {i}", None);
            written.Add(reply.Comment!.Id);
        }

        var listed = await comments.ListRepliesAsync(new VideoViewer("c"), top.Comment!.Id, null, 20, None);

        Assert.Equal(written, listed!.Items.Select(c => c.Id));
    }

    [Fact]
    public async Task Deleting_a_top_level_comment_takes_its_replies_and_a_reply_lowers_its_parents_count()
    {
        var store = _h.Get<ICommentStore>();
        var at = _h.Time.GetUtcNow();
        await store.AddAsync(new Comment { Id = "top", VideoId = "v", AuthorId = "a", Text = "t", CreatedAt = at }, None);
        await store.AddAsync(new Comment { Id = "r1", VideoId = "v", AuthorId = "b", ParentId = "top", Text = "r", CreatedAt = at }, None);
        await store.AddAsync(new Comment { Id = "r2", VideoId = "v", AuthorId = "c", ParentId = "top", Text = "r", CreatedAt = at }, None);

        Assert.Equal(1, await store.DeleteAsync("r1", None));
        Assert.Equal(1, (await store.GetAsync("top", None))!.ReplyCount);
        var replies = await store.ListAsync("v", "top", new HashSet<string> { "c" }, null, 10, None);
        Assert.Empty(replies.Items);
        Assert.Equal(2, await store.DeleteAsync("top", None));
        Assert.Null(await store.GetAsync("r2", None));
    }

    [Fact]
    public async Task Comment_pages_inside_one_millisecond_skip_and_repeat_nothing()
    {
        var store = _h.Get<ICommentStore>();
        var at = _h.Time.GetUtcNow();
        for (var i = 0; i < 5; i++)
        {
            await store.AddAsync(new Comment { Id = $"c{i}", VideoId = "same-ms", AuthorId = "a", Text = "t", CreatedAt = at }, None);
        }

        var seen = new List<string>();
        ListPosition? after = null;
        do
        {
            var page = await store.ListAsync("same-ms", null, new HashSet<string>(), after, 2, None);
            seen.AddRange(page.Items.Select(c => c.Id));
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(["c4", "c3", "c2", "c1", "c0"], seen);
    }

    [Fact]
    public async Task A_follow_import_adds_new_follows_once_and_skips_existing_self_and_blocked_ones_saying_which_it_added()
    {
        var graph = _h.Get<ISocialGraph>();
        var at = _h.Time.GetUtcNow();
        await graph.FollowAsync("ann", "bea", at, None);
        await graph.BlockAsync("cid", "ann", at, None);

        var added = await graph.ImportFollowsAsync(
            [new("ann", "bea", at), new("ann", "dan", at), new("ann", "ann", at), new("ann", "cid", at), new("cid", "ann", at), new("eve", "bea", at), new("ann", "dan", at)],
            None);

        Assert.Equal([new FollowEdge("ann", "dan", at), new FollowEdge("eve", "bea", at)], added);
        Assert.Equal(["bea", "dan"], (await graph.ListFolloweeIdsAsync("ann", 10, None)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_handle_is_unique_whatever_its_case_and_a_new_user_whose_derived_handle_is_taken_gets_another()
    {
        var users = _h.Get<IUserDirectory>();
        var first = await users.EnsureAsync("walker", None);
        var second = await users.EnsureAsync("Walker", None);

        Assert.Equal("walker", first.Handle);
        Assert.NotEqual("walker", second.Handle, StringComparer.OrdinalIgnoreCase);
        Assert.StartsWith("walker", second.Handle, StringComparison.Ordinal);
        Assert.False(await users.TryUpdateAsync(second with { Handle = "WALKER" }, None));
        Assert.True(await users.TryUpdateAsync(second with { Handle = "Strider", Bio = "ranger" }, None));
        Assert.Equal(("Strider", "ranger"), ((await users.GetAsync("Walker", None))!.Handle, (await users.GetAsync("Walker", None))!.Bio));
        Assert.Equal(["Walker", "walker"], (await users.GetManyAsync(["walker", "Walker", "nobody"], None)).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_user_import_adds_only_users_whose_id_and_handle_are_both_new()
    {
        var users = _h.Get<IUserDirectory>();
        await users.EnsureAsync("old", None);
        var at = _h.Time.GetUtcNow();
        UserProfile Profile(string id, string handle) => new() { Id = id, Handle = handle, DisplayName = handle, CreatedAt = at, LastActiveAt = at };

        var added = await users.ImportAsync([Profile("old", "fresh"), Profile("n1", "OLD"), Profile("n2", "two"), Profile("n3", "Two"), Profile("n2", "again")], None);

        Assert.Equal(1, added);
        Assert.Equal("two", (await users.GetAsync("n2", None))!.Handle);
        Assert.Null(await users.GetAsync("n1", None));
        Assert.Null(await users.GetAsync("n3", None));
        Assert.Equal("old", (await users.GetAsync("old", None))!.Handle);
    }

    [Fact]
    public async Task A_second_follow_changes_nothing_and_lifting_a_block_does_not_bring_back_the_follows_it_removed()
    {
        var graph = _h.Get<ISocialGraph>();
        var at = _h.Time.GetUtcNow();

        Assert.Equal(FollowChange.Added, await graph.FollowAsync("p", "q", at, None));
        Assert.Equal(FollowChange.Unchanged, await graph.FollowAsync("p", "q", at, None));
        Assert.Equal(new BlockChange(Added: true, RemovedFollow: false, RemovedFollower: true), await graph.BlockAsync("q", "p", at, None));
        Assert.Equal(new BlockChange(Added: false, RemovedFollow: false, RemovedFollower: false), await graph.BlockAsync("q", "p", at, None));
        Assert.True(await graph.UnblockAsync("q", "p", None));
        Assert.False(await graph.UnblockAsync("q", "p", None));

        Assert.Empty(await graph.FollowedAmongAsync("p", ["q"], None));
        Assert.Equal(FollowChange.Added, await graph.FollowAsync("p", "q", at, None));
        Assert.True(await graph.UnfollowAsync("p", "q", None));
        Assert.False(await graph.UnfollowAsync("p", "q", None));
    }

    [Fact]
    public async Task A_view_or_share_counts_again_only_an_hour_after_the_last_counted_one_and_a_complete_never_counts()
    {
        var store = _h.Get<IInteractionStore>();
        var at = _h.Time.GetUtcNow();
        ClientInteraction Event(string id, InteractionType kind, TimeSpan later) => new(id, new UserInteraction("u", kind, "v", null, at + later, WatchMs: 500));

        var outcomes = await store.RecordAsync(
            "u",
            [
                Event("1", InteractionType.View, TimeSpan.Zero),
                Event("2", InteractionType.View, TimeSpan.FromMinutes(59)),
                Event("3", InteractionType.Complete, TimeSpan.FromMinutes(59)),
                Event("4", InteractionType.Share, TimeSpan.Zero),
                Event("5", InteractionType.Share, TimeSpan.FromMinutes(30)),
                Event("1", InteractionType.View, TimeSpan.FromHours(2)),
                Event("6", InteractionType.Like, TimeSpan.Zero),
            ],
            at,
            None);
        var later = await store.RecordAsync("u", [Event("7", InteractionType.View, TimeSpan.FromHours(1)), Event("8", InteractionType.Share, TimeSpan.FromHours(1))], at, None);

        Assert.Equal(
            [EventOutcome.Counted, EventOutcome.Recorded, EventOutcome.Recorded, EventOutcome.Counted, EventOutcome.Recorded, EventOutcome.Repeat, EventOutcome.Recorded],
            outcomes);
        Assert.Equal([EventOutcome.Counted, EventOutcome.Counted], later);
    }

    [Fact]
    public async Task Forgetting_a_video_removes_its_likes_marks_and_history_and_says_how_many_likes_it_had()
    {
        var store = _h.Get<IInteractionStore>();
        var signals = _h.Get<IViewerSignals>();
        var at = _h.Time.GetUtcNow();
        Assert.True(await store.SetLikedAsync("a", "gone", true, at, None));
        Assert.False(await store.SetLikedAsync("a", "gone", true, at, None));
        Assert.True(await store.SetLikedAsync("b", "gone", true, at, None));
        Assert.True(await store.SetLikedAsync("a", "kept", true, at, None));
        Assert.True(await store.MarkNotInterestedAsync("a", "gone", at, None));
        Assert.False(await store.MarkNotInterestedAsync("a", "gone", at, None));
        await store.RecordAsync("a", [new("w", new UserInteraction("a", InteractionType.View, "gone", null, at, WatchMs: 1))], at, None);

        Assert.Equal(2, await store.ForgetVideoAsync("gone", None));

        Assert.Equal(["kept"], await signals.LikedAmongAsync("a", ["gone", "kept"], None));
        Assert.Empty(await signals.NotInterestedAsync("a", None));
        Assert.Empty(await signals.RecentlyWatchedAsync("a", 10, None));
        Assert.True(await store.SetLikedAsync("a", "kept", false, at, None));
        Assert.False(await store.SetLikedAsync("a", "kept", false, at, None));
    }

    [Fact]
    public async Task An_event_id_may_be_posted_again_once_its_log_entry_is_pruned_and_not_before()
    {
        var store = _h.Get<IInteractionStore>();
        var at = _h.Time.GetUtcNow();
        ClientInteraction[] like = [new("once", new UserInteraction("u", InteractionType.Like, "v", null, at))];
        await store.RecordAsync("u", like, at, None);

        await store.PruneEventsAsync(at, None);
        Assert.Equal([EventOutcome.Repeat], await store.RecordAsync("u", like, at, None));
        await store.PruneEventsAsync(at.AddMilliseconds(1), None);

        Assert.Equal([EventOutcome.Recorded], await store.RecordAsync("u", like, at, None));
        Assert.Equal([EventOutcome.Recorded], await store.RecordAsync("other", like, at, None));
    }
}

/// <summary>The social contract on the embedded SQLite engine.</summary>
public sealed class SqliteSocialStoreTests() : SocialStoreContract(MetadataEngineKind.Sqlite);

/// <summary>The social contract on PostgreSQL.</summary>
public sealed class PostgresSocialStoreTests() : SocialStoreContract(MetadataEngineKind.Postgres);
