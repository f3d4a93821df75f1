using System.Diagnostics;
using ShortVideo.Catalog;
using ShortVideo.Feeds;
using ShortVideo.Feeds.ForYou;
using ShortVideo.Interactions;

namespace ShortVideo.Core.Tests.Feeds;

/// <summary>The For You assembler on a real catalog and engine: filters, spacing, sessions, cursors, batching, caching.</summary>
public sealed class ForYouFeedTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Pages_of_one_session_never_repeat_an_item()
    {
        await using var feed = new FeedHarness();
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 10, videosEach: 4);

        var served = new List<string>();
        string? cursor = null;
        for (var page = 0; page < 8; page++)
        {
            var result = await feed.PageAsync("viewer", limit: 5, cursor);
            served.AddRange(result.Items.Select(item => item.Video.Id));
            cursor = result.NextCursor;
            if (cursor is null)
            {
                break;
            }
        }

        Assert.True(served.Count >= 30, $"only {served.Count} of 40 videos were served");
        Assert.Equal(served.Count, served.Distinct().Count());
    }

    [Fact]
    public async Task No_creator_is_on_two_consecutive_items_nor_more_than_twice_on_a_page_even_across_page_boundaries()
    {
        await using var feed = new FeedHarness();
        await feed.StartAsync();

        // Few creators with many videos: the rules bind on every page.
        for (var c = 0; c < 4; c++)
        {
            for (var i = 0; i < 8; i++)
            {
                await feed.AddVideoAsync($"c{c}v{i}", $"creator{c}", i % 2 == 0 ? "#cats" : "#dogs");
            }
        }

        string? cursor = null;
        string? previous = null;
        for (var pageNumber = 0; pageNumber < 3; pageNumber++)
        {
            var page = await feed.PageAsync("viewer", limit: 8, cursor);
            Assert.NotEmpty(page.Items);
            Assert.All(page.Items.GroupBy(item => item.Video.CreatorId), group => Assert.True(group.Count() <= 2, $"{group.Key} is on the page {group.Count()} times"));
            for (var i = 0; i < page.Items.Count; i++)
            {
                var item = page.Items[i];
                Assert.NotEqual(previous, item.Video.CreatorId);
                previous = item.Video.CreatorId;
            }

            cursor = page.NextCursor;
        }
    }

    [Fact]
    public async Task Own_videos_blocked_users_either_way_not_interested_and_watched_videos_are_left_out()
    {
        await using var feed = new FeedHarness();
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 6, videosEach: 3);
        await feed.AddVideoAsync("mine", "viewer", "#me");
        await feed.AddVideoAsync("blocker-video", "blocker", "#x");
        feed.Social.Block("viewer", "creator0");
        feed.Social.Block("blocker", "viewer");
        feed.Social.NotInterested("viewer", "creator1-v0");
        feed.Social.Watched("viewer", "creator2-v0");

        var shown = await AllPagesAsync(feed, "viewer");

        Assert.NotEmpty(shown);
        Assert.DoesNotContain(shown, item => item.Video.CreatorId is "viewer" or "creator0" or "blocker");
        Assert.DoesNotContain(shown, item => item.Video.Id is "creator1-v0" or "creator2-v0");
        Assert.Contains(shown, item => item.Video.Id == "creator1-v1");
    }

    [Fact]
    public async Task Private_deleted_and_unready_videos_are_never_served_even_when_the_engine_was_not_told()
    {
        await using var feed = new FeedHarness();
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 4, videosEach: 2);
        await feed.AddVideoAsync("processing", "creator9", "#x", status: VideoStatus.Processing);
        await feed.AddVideoAsync("private", "creator8", "#x", visibility: VideoVisibility.Private);

        // Behind the lifecycle's back: the record changes, the engine still holds the video.
        var secret = (await feed.Catalog.GetAsync("creator0-v0", None))!;
        await feed.Catalog.UpdateAsync(secret with { Visibility = VideoVisibility.Private }, None);
        await feed.Catalog.DeleteAsync("creator1-v0", None);

        var shown = (await AllPagesAsync(feed, "viewer")).Select(item => item.Video.Id).ToList();

        Assert.Equal(6, shown.Count);
        Assert.DoesNotContain("creator0-v0", shown);
        Assert.DoesNotContain("creator1-v0", shown);
        Assert.DoesNotContain("processing", shown);
        Assert.DoesNotContain("private", shown);
        Assert.False(feed.Ranking.TryGet(ShortVideo.Feeds.RankingIds.Of("creator1-v0"), out _), "the deleted video stayed among the candidates");
    }

    [Fact]
    public async Task Deleted_and_private_videos_leave_the_engine_when_the_lifecycle_says_so()
    {
        await using var feed = new FeedHarness();
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 2, videosEach: 2);
        var before = feed.Engine.CatalogSize;

        var deleted = (await feed.Catalog.GetAsync("creator0-v0", None))!;
        await feed.Lifecycle.DeletedAsync(deleted, None);
        await feed.Lifecycle.ReadyAsync((await feed.Catalog.GetAsync("creator1-v0", None))! with { Visibility = VideoVisibility.Private }, None);

        Assert.Equal(before - 2, feed.Engine.CatalogSize);
        Assert.False(feed.Ranking.TryGet(ShortVideo.Feeds.RankingIds.Of("creator0-v0"), out _));
        Assert.False(feed.Ranking.TryGet(ShortVideo.Feeds.RankingIds.Of("creator1-v0"), out _));
    }

    [Fact]
    public async Task A_forged_altered_expired_or_other_users_cursor_is_refused()
    {
        await using var feed = new FeedHarness(o => o.SessionLifetime = TimeSpan.FromMilliseconds(300));
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 4, videosEach: 3);
        var cursor = (await feed.PageAsync("alice", limit: 2)).NextCursor!;
        var altered = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];

        await Assert.ThrowsAsync<FeedCursorException>(() => feed.PageAsync("alice", 2, altered));
        await Assert.ThrowsAsync<FeedCursorException>(() => feed.PageAsync("alice", 2, "not-a-cursor"));
        await Assert.ThrowsAsync<FeedCursorException>(() => feed.PageAsync("alice", 2, new ForYouCursor(Guid.NewGuid(), 1).Seal(new byte[32], "alice", DateTimeOffset.UtcNow, TimeSpan.FromHours(1))));
        var stolen = await Assert.ThrowsAsync<FeedCursorException>(() => feed.PageAsync("mallory", 2, cursor));
        Assert.Equal(ShortVideo.Paging.ListCursors.Refused, stolen.Message);
        Assert.NotEmpty((await feed.PageAsync("alice", 2, cursor)).Items);

        await Task.Delay(400);
        var expired = await Assert.ThrowsAsync<FeedCursorException>(() => feed.PageAsync("alice", 2, cursor));
        Assert.Equal(ShortVideo.Paging.ListCursors.Refused, expired.Message);
    }

    [Fact]
    public async Task Concurrent_fresh_retrievals_share_one_batched_scan()
    {
        await using var feed = new FeedHarness(o => { o.CoalesceWindow = TimeSpan.FromMilliseconds(300); o.MaxBatch = 64; });
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 6, videosEach: 3);

        var pages = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => feed.PageAsync($"user{i}", limit: 5))));

        Assert.All(pages, page => Assert.Equal(5, page.Items.Count));
        Assert.Equal([8], feed.Engine.BatchSizes);
        Assert.Equal(8, feed.Feed.Statistics.MeanBatch);
    }

    [Fact]
    public async Task A_full_batch_runs_at_once_without_waiting_for_the_window()
    {
        await using var feed = new FeedHarness(o => { o.CoalesceWindow = TimeSpan.FromSeconds(1); o.MaxBatch = 4; });
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 6, videosEach: 3);

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => feed.PageAsync($"user{i}", limit: 5))));

        Assert.Equal([4], feed.Engine.BatchSizes);
        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(900), $"a full batch waited {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task Following_pages_come_from_the_cached_candidates_until_an_event_of_the_user_invalidates_them()
    {
        // A refresh age of zero: any interaction makes the next page retrieve afresh.
        await using var feed = new FeedHarness(o => o.CandidateRefreshAge = TimeSpan.Zero);
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 10, videosEach: 4);

        var first = await feed.PageAsync("viewer", limit: 5);
        var second = await feed.PageAsync("viewer", limit: 5, first.NextCursor);
        Assert.Single(feed.Engine.BatchSizes);
        Assert.Equal(1, feed.Feed.Statistics.CacheHits);

        await feed.ObserveAsync(new UserInteraction("viewer", InteractionType.Like, second.Items[0].Video.Id, null, DateTimeOffset.UtcNow));
        await feed.PageAsync("viewer", limit: 5, second.NextCursor);

        Assert.Equal(2, feed.Engine.BatchSizes.Count);
        Assert.Equal(1, feed.Feed.Statistics.CacheHits);
    }

    [Fact]
    public async Task Cached_candidates_younger_than_the_refresh_age_keep_serving_the_session_after_an_event_and_a_new_session_retrieves_afresh()
    {
        await using var feed = new FeedHarness(o => o.CandidateRefreshAge = TimeSpan.FromMinutes(4));
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 10, videosEach: 4);

        var first = await feed.PageAsync("viewer", limit: 5);
        await feed.ObserveAsync(new UserInteraction("viewer", InteractionType.Like, first.Items[0].Video.Id, null, DateTimeOffset.UtcNow));
        await feed.Engine.FlushAsync();
        var second = await feed.PageAsync("viewer", limit: 5, first.NextCursor);

        Assert.Single(feed.Engine.BatchSizes);
        Assert.Equal(1, feed.Feed.Statistics.CacheHits);
        Assert.Empty(second.Items.Select(i => i.Video.Id).Intersect(first.Items.Select(i => i.Video.Id)));

        await feed.PageAsync("viewer", limit: 5);

        Assert.Equal(2, feed.Engine.BatchSizes.Count);
    }

    [Fact]
    public async Task A_new_user_gets_exploration_and_popular_videos_and_no_personalised_ones()
    {
        // Exploration takes its share of the retrieved candidates: a catalog larger than them leaves room for popular.
        await using var feed = new FeedHarness(o => o.CandidateCount = 20);
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 20, videosEach: 3);
        await feed.ObserveAsync(new UserInteraction("fan", InteractionType.Like, "creator3-v1", null, DateTimeOffset.UtcNow));
        await feed.Engine.FlushAsync();

        var page = await feed.PageAsync("newcomer", limit: 10);

        Assert.Equal(10, page.Items.Count);
        Assert.DoesNotContain(page.Items, item => item.Reason == FeedReason.Personalised);
        Assert.Contains(page.Items, item => item.Reason == FeedReason.New);
        // The liked video leads the popular part, unless the bandit already gave it an exploration slot.
        var liked = Assert.Single(page.Items, item => item.Video.Id == "creator3-v1");
        Assert.True(liked.Reason is FeedReason.Trending or FeedReason.New, $"the liked video came as {liked.Reason}");
    }

    [Fact]
    public async Task Without_the_ranking_engine_the_feed_serves_the_latest_videos()
    {
        await using var feed = new FeedHarness(ranking: false);
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 6; i++)
        {
            await feed.AddVideoAsync($"v{i}", $"creator{i}", "#x", createdAt: start.AddSeconds(i));
        }

        var page = await feed.PageAsync("viewer", limit: 4);

        Assert.All(page.Items, item => Assert.Equal(FeedReason.New, item.Reason));
        Assert.Equal(["v5", "v4", "v3", "v2"], page.Items.Select(item => item.Video.Id));
    }

    [Fact]
    public async Task A_viewer_who_watched_the_newest_pages_of_the_catalog_still_gets_older_videos_page_after_page()
    {
        await using var feed = new FeedHarness(o => o.CandidateCount = 5, ranking: false);
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 40; i++)
        {
            await feed.AddVideoAsync($"v{i:00}", $"creator{i % 8}", "#x", createdAt: start.AddSeconds(i));
        }

        // The 25 newest (five catalog pages of five) are watched: the latest source must look past them.
        for (var i = 15; i < 40; i++)
        {
            feed.Social.Watched("viewer", $"v{i:00}");
        }

        var served = new List<string>();
        string? cursor = null;
        for (var p = 0; p < 3; p++)
        {
            var page = await feed.PageAsync("viewer", limit: 5, cursor);
            Assert.NotEmpty(page.Items);
            served.AddRange(page.Items.Select(item => item.Video.Id));
            cursor = page.NextCursor;
        }

        Assert.All(served, id => Assert.True(string.CompareOrdinal(id, "v15") < 0, $"{id} was watched"));
        Assert.Equal(served.Count, served.Distinct().Count());
    }

    [Fact]
    public async Task When_one_prolific_creator_fills_the_candidates_the_page_is_topped_up_with_other_creators_within_the_spacing_rules()
    {
        await using var feed = new FeedHarness(o => o.CandidateCount = 5, ranking: false);
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 10; i++)
        {
            await feed.AddVideoAsync($"other{i}", $"creator{i}", "#x", createdAt: start.AddSeconds(i));
        }

        for (var i = 0; i < 20; i++)
        {
            await feed.AddVideoAsync($"prolific{i:00}", "prolific", "#x", createdAt: start.AddSeconds(100 + i));
        }

        var page = await feed.PageAsync("viewer", limit: 5);

        Assert.Equal(5, page.Items.Count);
        Assert.Equal(2, page.Items.Count(item => item.Video.CreatorId == "prolific"));
        Assert.DoesNotContain(page.Items.Zip(page.Items.Skip(1)), pair => pair.First.Video.CreatorId == pair.Second.Video.CreatorId);
    }

    [Fact]
    public async Task While_the_engine_is_still_loading_the_feed_serves_the_latest_videos_without_asking_it()
    {
        await using var feed = new FeedHarness();
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 6; i++)
        {
            await feed.AddVideoAsync($"v{i}", $"creator{i}", "#x", createdAt: start.AddSeconds(i));
        }

        // Not started: the keeper has not loaded the catalog, so ranking is not ready.
        var page = await feed.PageAsync("viewer", limit: 3);

        Assert.False(feed.Ranking.IsReady);
        Assert.Equal(["v5", "v4", "v3"], page.Items.Select(item => item.Video.Id));
        Assert.Empty(feed.Engine.BatchSizes);
    }

    [Fact]
    public async Task Interactions_map_to_the_learners_events_and_those_that_teach_nothing_are_dropped()
    {
        var at = DateTimeOffset.UtcNow;
        var view = RankingCatalog.ToEvent(new UserInteraction("u", InteractionType.View, "v", null, at, WatchMs: 1500, DurationMs: 3000))!.Value;
        Assert.Equal(ShortVideo.Ranking.Learning.InteractionKind.View, view.Kind);
        Assert.Equal(0.5f, view.WatchRatio);
        Assert.Equal(ShortVideo.Ranking.Learning.InteractionKind.NotInterested, RankingCatalog.ToEvent(new UserInteraction("u", InteractionType.NotInterested, "v", null, at))!.Value.Kind);
        Assert.Equal(10f, RankingCatalog.ToEvent(new UserInteraction("u", InteractionType.View, "v", null, at, WatchMs: 1_000_000, DurationMs: 1))!.Value.WatchRatio);
        Assert.Null(RankingCatalog.ToEvent(new UserInteraction("u", InteractionType.View, "v", null, at, WatchMs: 10, DurationMs: 0)));
        Assert.Null(RankingCatalog.ToEvent(new UserInteraction("u", InteractionType.Impression, "v", null, at)));
        Assert.Null(RankingCatalog.ToEvent(new UserInteraction("u", InteractionType.Unlike, "v", null, at)));
        Assert.Null(RankingCatalog.ToEvent(new UserInteraction("u", InteractionType.Follow, null, "w", at)));
        await Task.CompletedTask;
    }

    private static async Task<List<FeedItem>> AllPagesAsync(FeedHarness feed, string viewer)
    {
        var shown = new List<FeedItem>();
        string? cursor = null;
        for (var i = 0; i < 20; i++)
        {
            var page = await feed.PageAsync(viewer, limit: 5, cursor);
            shown.AddRange(page.Items);
            if ((cursor = page.NextCursor) is null)
            {
                break;
            }
        }

        return shown;
    }
}
