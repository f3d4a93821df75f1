using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Search;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Search;

/// <summary>Two nodes (two connection pools) writing one PostgreSQL search index at the same time.</summary>
public sealed class PostgresSearchConcurrencyTests : IAsyncLifetime
{
    private static readonly DateTimeOffset SameMillisecond = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private StoreServices _stores = null!;
    private ServiceProvider _first = null!;
    private ServiceProvider _second = null!;

    public async Task InitializeAsync()
    {
        _stores = await StoreServices.CreateAsync(MetadataEngineKind.Postgres);
        _first = _stores.Node();
        _second = _stores.Node();
    }

    public async Task DisposeAsync() => await _stores.DisposeAsync();

    [Fact]
    public async Task Videos_of_the_same_millisecond_indexed_by_two_nodes_at_once_are_all_found_and_counted_once()
    {
        var writes = Enumerable.Range(0, 40).Select(i =>
        {
            var node = i % 2 == 0 ? _first : _second;
            var video = new SearchableVideo($"v{i}", "alice", $"clip number{i} #same", SameMillisecond);
            return node.GetRequiredService<IVideoSearchIndex>().IndexAsync([video], None).AsTask();
        });
        await Task.WhenAll(writes);

        var index = _first.GetRequiredService<IVideoSearchIndex>();
        Assert.True(SearchQuery.TryParse("clip ", out var clip, out _));
        Assert.True(SearchQuery.TryParse("#same", out var same, out _));
        Assert.Equal(40, (await index.SearchAsync(clip, null, 100, None)).Items.Distinct().Count());
        Assert.Equal(40, (await index.ListTaggedAsync("same", null, 100, None)).Items.Count);
        Assert.Equal(new HashtagHit("same", 40), Assert.Single((await index.SearchHashtagsAsync(same, null, 10, None)).Items));
    }

    [Fact]
    public async Task The_same_user_ensured_and_renamed_by_two_nodes_at_once_is_indexed_once()
    {
        var writes = Enumerable.Range(0, 20).Select(i =>
        {
            var users = (i % 2 == 0 ? _first : _second).GetRequiredService<IUserSearchIndex>();
            return i % 4 < 2 ? users.EnsureAsync("carol", None).AsTask() : users.UpsertAsync("carol", "carol", $"Carol Number{i}", None).AsTask();
        });
        await Task.WhenAll(writes);

        Assert.True(SearchQuery.TryParse("carol ", out var query, out _));
        var found = await _second.GetRequiredService<IUserSearchIndex>().SearchAsync(query, null, 10, None);
        Assert.Equal("carol", Assert.Single(found.Items).UserId);
    }
}
