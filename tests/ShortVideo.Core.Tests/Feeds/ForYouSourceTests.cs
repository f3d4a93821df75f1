using ShortVideo.Catalog;
using ShortVideo.Feeds;

namespace ShortVideo.Core.Tests.Feeds;

/// <summary>For You's following and trending sources: bounded slots per page, their reasons, and the same filters as every candidate.</summary>
public sealed class ForYouSourceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Followed_creators_new_videos_take_at_most_the_following_slots_of_each_page_with_reason_following()
    {
        await using var feed = new FeedHarness(o => o.FollowingSlots = 2);
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 20, videosEach: 3);
        feed.Sources.Following("viewer", "creator7-v2", "creator8-v2", "creator9-v2", "creator10-v2");

        var first = await feed.PageAsync("viewer", limit: 10);
        var second = await feed.PageAsync("viewer", limit: 10, first.NextCursor);

        // The newest first; spacing may swap them within the page.
        Assert.Equal(["creator7-v2", "creator8-v2"], Following(first).Order(StringComparer.Ordinal));
        Assert.Equal(["creator10-v2", "creator9-v2"], Following(second).Order(StringComparer.Ordinal));
        Assert.Equal(10, first.Items.Count);
    }

    [Fact]
    public async Task A_page_the_following_source_cannot_answer_in_time_is_served_without_it_and_the_next_page_of_the_session_has_it()
    {
        await using var feed = new FeedHarness(o =>
        {
            o.FollowingSlots = 2;
            o.FollowingWait = TimeSpan.FromMilliseconds(50);
        });
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 20, videosEach: 3);
        feed.Sources.Following("viewer", "creator7-v2", "creator8-v2", "creator9-v2");
        feed.Sources.FollowingGate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var first = await feed.PageAsync("viewer", limit: 10);
        var waited = clock.Elapsed;
        feed.Sources.FollowingGate.SetResult();
        for (var i = 0; i < 200 && feed.Sources.FollowingReadsDone == 0; i++)
        {
            await Task.Delay(50);
        }

        var second = await feed.PageAsync("viewer", limit: 10, first.NextCursor);

        Assert.Equal(10, first.Items.Count);
        Assert.Empty(Following(first));
        Assert.True(waited < TimeSpan.FromSeconds(5), $"the first page waited {waited.TotalMilliseconds} ms for a source that never answered");
        Assert.Equal(["creator7-v2", "creator8-v2"], Following(second).Order(StringComparer.Ordinal));
        Assert.Equal(1, feed.Sources.FollowingReads);
    }

    [Fact]
    public async Task A_new_user_gets_trending_videos_with_reason_trending_beside_exploration()
    {
        await using var feed = new FeedHarness(o =>
        {
            o.CandidateCount = 20;
            o.TrendingSlots = 2;
        });
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 20, videosEach: 3);
        feed.Sources.Trending.AddRange(["creator11-v0", "creator12-v1", "creator13-v2"]);

        var page = await feed.PageAsync("newcomer", limit: 10);

        Assert.DoesNotContain(page.Items, item => item.Reason == FeedReason.Personalised);
        Assert.Contains(page.Items, item => item.Reason == FeedReason.New);
        Assert.Equal(FeedReason.Trending, Assert.Single(page.Items, item => item.Video.Id == "creator11-v0").Reason);
        Assert.Equal(FeedReason.Trending, Assert.Single(page.Items, item => item.Video.Id == "creator12-v1").Reason);
    }

    [Fact]
    public async Task Following_and_trending_candidates_pass_the_same_filters_as_every_other()
    {
        await using var feed = new FeedHarness(o => { o.FollowingSlots = 10; o.TrendingSlots = 10; });
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 6, videosEach: 2);
        await feed.AddVideoAsync("own", "viewer", "mine");
        await feed.AddVideoAsync("hidden", "creator1", "private", VideoVisibility.Private);
        await feed.AddVideoAsync("pending", "creator2", "processing", status: VideoStatus.Processing);
        await feed.AddVideoAsync("gone", "creator3", "deleted");
        await feed.Catalog.DeleteAsync("gone", None);
        feed.Social.Block("viewer", "creator4");
        feed.Social.Block("creator5", "viewer");
        feed.Social.NotInterested("viewer", "creator0-v0");
        feed.Social.Watched("viewer", "creator0-v1");
        string[] refused = ["own", "hidden", "pending", "gone", "creator4-v0", "creator5-v1", "creator0-v0", "creator0-v1"];
        feed.Sources.Following("viewer", refused);
        feed.Sources.Trending.AddRange(refused);

        var served = new List<FeedItem>();
        string? cursor = null;
        do
        {
            var page = await feed.PageAsync("viewer", limit: 5, cursor);
            served.AddRange(page.Items);
            cursor = page.Items.Count == 0 ? null : page.NextCursor;
        }
        while (cursor is not null && served.Count < 100);

        Assert.Empty(served.Select(item => item.Video.Id).Intersect(refused));
        Assert.Equal(served.Count, served.Select(item => item.Video.Id).Distinct().Count());
        Assert.DoesNotContain(served, item => item.Reason is FeedReason.Following);
    }

    [Fact]
    public async Task A_followed_video_keeps_no_two_consecutive_items_from_one_creator()
    {
        await using var feed = new FeedHarness(o => o.FollowingSlots = 4);
        await feed.StartAsync();
        await feed.AddWorldAsync(creators: 10, videosEach: 3);
        feed.Sources.Following("viewer", "creator3-v0", "creator3-v1", "creator3-v2");

        var page = await feed.PageAsync("viewer", limit: 10);

        Assert.True(Following(page).Count <= 2, "a creator is on a page at most twice");
        for (var i = 1; i < page.Items.Count; i++)
        {
            Assert.NotEqual(page.Items[i - 1].Video.CreatorId, page.Items[i].Video.CreatorId);
        }
    }

    private static List<string> Following(FeedPage page) =>
        [.. page.Items.Where(item => item.Reason == FeedReason.Following).Select(item => item.Video.Id)];
}
