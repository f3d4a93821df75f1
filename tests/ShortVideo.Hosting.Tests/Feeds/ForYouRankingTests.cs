using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Feeds;
using ShortVideo.Interactions;
using ShortVideo.Testing;

namespace ShortVideo.Hosting.Tests.Feeds;

/// <summary>
/// The ranking role inside a real node, through GET /api/v1/feed/for-you: events change the next fresh page within a
/// second, the model survives a restart, a damaged snapshot does not stop the node, and a node without the role serves
/// the latest videos.
/// </summary>
public sealed class ForYouRankingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly Action<IDictionary<string, string?>> NoExploration = o => o["Ranking:Exploration:SlotShare"] = "0";

    [Fact]
    public async Task Likes_and_completes_on_one_hashtag_bring_more_of_it_to_the_next_fresh_page_within_one_second()
    {
        await using var node = await InProcessNode.StartAsync(NoExploration);
        await AddWorldAsync(node);
        using var viewer = node.Client("viewer");
        var before = Count(await PageAsync(viewer), "cats");

        var liked = new[] { "cat0", "cat1", "cat2" };
        var clock = Stopwatch.StartNew();
        await RankedVideos.ObserveAsync(node, [.. liked.SelectMany(id => new[]
        {
            new UserInteraction("viewer", InteractionType.Like, id, null, DateTimeOffset.UtcNow),
            new UserInteraction("viewer", InteractionType.Complete, id, null, DateTimeOffset.UtcNow),
        })]);
        int after;
        do
        {
            after = Count(await PageAsync(viewer), "cats");
        }
        while (after <= before + 2 && clock.Elapsed < TimeSpan.FromSeconds(5));

        output.WriteLine($"cats on a fresh page of 10: {before} before the events, {after} after {clock.Elapsed.TotalMilliseconds:F0} ms");
        Assert.True(after > before + 2, $"cats on a fresh page: {before} before the events, {after} after");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"the events reached the page after {clock.Elapsed.TotalMilliseconds} ms");
    }

    [Fact]
    public async Task The_learned_model_is_saved_on_shutdown_and_restored_when_the_node_starts_again()
    {
        using var data = new TempDirectory("ranking-restart");
        await using (var first = await InProcessNode.StartAsync(NoExploration, data.Path))
        {
            await AddWorldAsync(first);
            await RankedVideos.ObserveAsync(first, new UserInteraction("viewer", InteractionType.Like, "cat0", null, DateTimeOffset.UtcNow));
            await WaitForReasonAsync(first, "viewer", "personalised");
        }

        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(data.Path, "ranking"), "*", SearchOption.AllDirectories));
        await using var second = await InProcessNode.StartAsync(NoExploration, data.Path);

        // Without the snapshot the viewer would be a stranger to the new engine: popular and newest only.
        await WaitForReasonAsync(second, "viewer", "personalised");
    }

    [Fact]
    public async Task A_damaged_snapshot_does_not_stop_the_node_which_serves_with_a_fresh_model()
    {
        using var data = new TempDirectory("ranking-damaged");
        await using (var first = await InProcessNode.StartAsync(NoExploration, data.Path))
        {
            await AddWorldAsync(first);
            await RankedVideos.ObserveAsync(first, new UserInteraction("viewer", InteractionType.Like, "cat0", null, DateTimeOffset.UtcNow));
            await WaitForReasonAsync(first, "viewer", "personalised");
        }

        foreach (var file in Directory.EnumerateFiles(Path.Combine(data.Path, "ranking"), "*", SearchOption.AllDirectories))
        {
            await File.WriteAllBytesAsync(file, TusRequests.RandomBytes(64, seed: 7));
        }

        await using var second = await InProcessNode.StartAsync(NoExploration, data.Path);
        using var viewer = second.Client("viewer");
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync("healthz")).StatusCode);
        var ranking = second.App.Services.GetRequiredService<RankingCatalog>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!ranking.IsReady && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        Assert.True(ranking.IsReady);
        var page = await PageAsync(viewer);
        Assert.Equal(10, page.GetProperty("items").GetArrayLength());
        Assert.DoesNotContain(Reasons(page), reason => reason == "personalised");
    }

    [Fact]
    public async Task A_node_without_the_ranking_role_serves_the_latest_videos_newest_first()
    {
        await using var node = await InProcessNode.StartAsync(o => o["Node:Roles"] = "api,media");
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < 5; i++)
        {
            await RankedVideos.AddAsync(node, $"v{i}", $"creator{i}", $"clip {i}", start.AddSeconds(i));
        }

        using var viewer = node.Client("viewer");
        var page = await viewer.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you?limit=3");

        Assert.Null(node.App.Services.GetService<ShortVideo.Ranking.Engine.IRankingEngine>());
        Assert.Equal(["v4", "v3", "v2"], page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("video").GetProperty("id").GetString()));
        Assert.All(Reasons(page), reason => Assert.Equal("new", reason));
    }

    [Fact]
    public async Task The_model_is_saved_every_save_interval_while_the_node_runs()
    {
        using var data = new TempDirectory("ranking-periodic");
        await using var node = await InProcessNode.StartAsync(o => o["Ranking:SaveInterval"] = "00:00:01", data.Path);
        await AddWorldAsync(node);
        var directory = Path.Combine(data.Path, "ranking");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Any()) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.NotEmpty(Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories));
    }

    [Theory]
    [InlineData("Ranking:SaveInterval", "00:00:00", "Ranking:SaveInterval must be between 1 second and 1 day")]
    [InlineData("Feed:ForYou:CandidateCount", "0", "Feed:ForYou:CandidateCount must be between 1 and 500")]
    public async Task A_bad_ranking_or_feed_setting_stops_the_node_with_a_sentence_naming_it(string key, string value, string sentence)
    {
        var error = await Assert.ThrowsAnyAsync<Exception>(() => InProcessNode.StartAsync(o => o[key] = value));

        Assert.Contains(sentence, error.Message, StringComparison.Ordinal);
    }

    /// <summary>10 creators of one cat video each, 10 creators of three dog videos each.</summary>
    private static async Task AddWorldAsync(InProcessNode node)
    {
        for (var c = 0; c < 10; c++)
        {
            await RankedVideos.AddAsync(node, $"cat{c}", $"cat-creator{c}", $"purr #cats");
            for (var i = 0; i < 3; i++)
            {
                await RankedVideos.AddAsync(node, $"dog{c}-{i}", $"dog-creator{c}", $"woof #dogs");
            }
        }
    }

    private static async Task WaitForReasonAsync(InProcessNode node, string user, string reason)
    {
        using var client = node.Client(user);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        List<string?> reasons;
        do
        {
            reasons = Reasons(await PageAsync(client));
        }
        while (!reasons.Contains(reason) && DateTime.UtcNow < deadline);

        Assert.Contains(reason, reasons);
    }

    private static async Task<JsonElement> PageAsync(HttpClient client) => await client.GetFromJsonAsync<JsonElement>("api/v1/feed/for-you?limit=10");

    private static int Count(JsonElement page, string hashtag) =>
        page.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("video").GetProperty("hashtags").EnumerateArray().Any(t => t.GetString() == hashtag));

    private static List<string?> Reasons(JsonElement page) => [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("reason").GetString())];
}
