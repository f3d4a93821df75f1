using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ShortVideo.Catalog;
using ShortVideo.Storage;
using ShortVideo.Storage.Postgres;
using ShortVideo.Storage.Sqlite;
using ShortVideo.Testing;

namespace ShortVideo.Core.Tests.Catalog;

/// <summary>A creator's videos, newest first, paged with a cursor, on the real catalog of each metadata engine.</summary>
public abstract class VideoListContract(MetadataEngineKind kind) : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    protected static readonly CancellationToken None = CancellationToken.None;

    private MetadataEngine _engine = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    protected MetadataEngine Engine => _engine;

    private IVideoCatalog Catalog => Services.GetRequiredService<IVideoCatalog>();

    public async Task InitializeAsync()
    {
        _engine = await MetadataEngine.CreateAsync(kind);
        var services = new ServiceCollection();
        _engine.AddStores(services.AddShortVideo());
        Services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await _engine.DisposeAsync();
    }

    [Fact]
    public async Task Pages_walk_a_creators_videos_newest_first_and_skip_or_repeat_none_even_within_one_millisecond()
    {
        // Seven of alice's videos, three of them created in the same millisecond (a page boundary falls among them).
        string[] offsets = ["a0:0", "a1:1", "a2:2", "a3:2", "a4:2", "a5:3", "a6:4"];
        foreach (var entry in offsets)
        {
            var parts = entry.Split(':');
            await CreateAsync(parts[0], "alice", Start.AddMilliseconds(int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)));
        }

        await CreateAsync("b0", "bob", Start.AddMilliseconds(3));

        var seen = new List<string>();
        VideoListCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await Catalog.ListByCreatorAsync("alice", cursor, 2, None);
            Assert.InRange(page.Items.Count, 1, 2);
            seen.AddRange(page.Items.Select(v => v.Id));
            cursor = page.Next is null ? null : Reparse(page.Next);
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(["a6", "a5", "a4", "a3", "a2", "a1", "a0"], seen);
        Assert.Equal(4, pages);
    }

    [Fact]
    public async Task Many_videos_are_read_at_once_by_id_and_missing_ids_are_left_out()
    {
        await CreateAsync("a0", "alice", Start);
        await CreateAsync("a1", "alice", Start.AddSeconds(1), VideoVisibility.Private);
        await CreateAsync("b0", "bob", Start.AddSeconds(2));

        var found = await Catalog.GetManyAsync(["b0", "missing", "a1", "a0", "a0", "x'); DROP TABLE videos; --"], None);

        Assert.Equal(["a0", "a1", "b0"], found.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("bob", found["b0"].CreatorId);
        Assert.Equal(VideoVisibility.Private, found["a1"].Visibility);
        Assert.Empty(await Catalog.GetManyAsync([], None));
        Assert.NotNull(await Catalog.GetAsync("a0", None));
    }

    [Fact]
    public async Task The_last_page_has_no_cursor_and_a_creator_without_videos_gets_an_empty_page()
    {
        await CreateAsync("a0", "alice", Start);
        await CreateAsync("a1", "alice", Start.AddSeconds(1));

        var exact = await Catalog.ListByCreatorAsync("alice", null, 2, None);
        var nobody = await Catalog.ListByCreatorAsync("carol", null, 20, None);

        Assert.Equal(["a1", "a0"], exact.Items.Select(v => v.Id));
        Assert.Null(exact.Next);
        Assert.Empty(nobody.Items);
        Assert.Null(nobody.Next);
    }

    [Fact]
    public async Task A_cursor_made_from_another_creators_video_still_lists_only_the_callers_own_videos()
    {
        await CreateAsync("a0", "alice", Start);
        await CreateAsync("a1", "alice", Start.AddSeconds(2));
        await CreateAsync("b0", "bob", Start.AddSeconds(1), VideoVisibility.Private);
        await CreateAsync("b1", "bob", Start.AddSeconds(3));

        var forged = new VideoListCursor(Start.AddSeconds(5), "b1");
        var page = await Catalog.ListByCreatorAsync("alice", forged, 100, None);

        Assert.Equal(["a1", "a0"], page.Items.Select(v => v.Id));
        Assert.All(page.Items, v => Assert.Equal("alice", v.CreatorId));
    }

    [Fact]
    public async Task A_limit_above_the_maximum_returns_a_page_of_the_maximum_with_a_next_cursor()
    {
        for (var i = 0; i <= VideoPage.MaxLimit; i++)
        {
            await CreateAsync($"v{i:D3}", "alice", Start.AddSeconds(i));
        }

        var page = await Catalog.ListByCreatorAsync("alice", null, int.MaxValue, None);
        var rest = await Catalog.ListByCreatorAsync("alice", page.Next, int.MaxValue, None);

        Assert.Equal(VideoPage.MaxLimit, page.Items.Count);
        Assert.NotNull(page.Next);
        Assert.Equal("v000", Assert.Single(rest.Items).Id);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_limit_below_one_is_refused(int limit)
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await Catalog.ListByCreatorAsync("alice", null, limit, None));
    }

    [Fact]
    public async Task The_public_ready_list_holds_only_ready_public_videos_newest_first_across_pages()
    {
        await CreateAsync("p0", "alice", Start, status: VideoStatus.Ready);
        await CreateAsync("hidden", "alice", Start.AddSeconds(1), VideoVisibility.Private, VideoStatus.Ready);
        await CreateAsync("busy", "bob", Start.AddSeconds(2), status: VideoStatus.Processing);
        await CreateAsync("p1", "bob", Start.AddSeconds(3), status: VideoStatus.Ready);
        await CreateAsync("p2", "carol", Start.AddSeconds(3), status: VideoStatus.Ready);

        var first = await Catalog.ListPublicReadyAsync(null, 2, None);
        var rest = await Catalog.ListPublicReadyAsync(first.Next, 2, None);

        Assert.Equal(["p2", "p1"], first.Items.Select(v => v.Id));
        Assert.Equal(["p0"], rest.Items.Select(v => v.Id));
        Assert.Null(rest.Next);
    }

    [Fact]
    public async Task Copies_of_one_address_are_listed_oldest_first_with_ties_in_id_order()
    {
        // svctl seed gives up to millions of videos one clip's address; sorting them all cost a second per read.
        await CreateAsync("late", "alice", Start.AddMilliseconds(5));
        await CreateAsync("early", "bob", Start);
        await CreateAsync("tie-b", "carol", Start.AddMilliseconds(1));
        await CreateAsync("tie-a", "dave", Start.AddMilliseconds(1));

        var copies = await Catalog.ListBySha256Async(new string('0', 64), 3, None);

        Assert.Equal(["early", "tie-a", "tie-b"], copies.Select(v => v.Id));
    }

    /// <summary>Goes through the opaque string, as a client's cursor does.</summary>
    private static VideoListCursor Reparse(VideoListCursor cursor)
    {
        Assert.True(VideoListCursor.TryParse(cursor.Encode(), out var parsed));
        return parsed;
    }

    protected ValueTask CreateAsync(string id, string creator, DateTimeOffset createdAt, VideoVisibility visibility = VideoVisibility.Public, VideoStatus status = VideoStatus.Uploaded) =>
        Catalog.CreateAsync(
            new VideoRecord { Id = id, CreatorId = creator, Sha256 = new string('0', 64), CreatedAt = createdAt, Visibility = visibility, Status = status },
            None);
}

/// <summary>The contract on SQLite, and the SQLite query plans behind it.</summary>
public sealed class SqliteVideoListTests() : VideoListContract(MetadataEngineKind.Sqlite)
{
    [Theory]
    [InlineData(VideoRows.ListNewestSql, "USING INDEX videos_by_creator_newest (creator_id=?", new object[] { "alice", 21 })]
    [InlineData(VideoRows.ListAfterSql, "USING INDEX videos_by_creator_newest (creator_id=?", new object[] { "alice", 21, 0L, "x" })]
    [InlineData(VideoRows.ListPublicReadySql, "USING INDEX videos_by_status_visibility_newest (status=? AND visibility=?", new object[] { 21 })]
    [InlineData(VideoRows.ListPublicReadyAfterSql, "USING INDEX videos_by_status_visibility_newest (status=? AND visibility=?", new object[] { 21, 0L, "x" })]
    [InlineData(VideoRows.ListBySha256Sql, "USING INDEX videos_by_sha256_created (sha256=?", new object[] { "x", 1000 })]
    public async Task Lists_are_a_search_on_their_index_without_a_sort(string sql, string search, object[] values)
    {
        // svctl seed gives up to millions of videos one clip's address; sorting them all cost a second per read.
        await CreateAsync("a0", "alice", Start);
        var connection = await Services.GetRequiredService<SqliteDatabase>().OpenAsync(None);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters.AddWithValue($"${i + 1}", values[i]);
            }

            var plan = string.Join('\n', await command.ReadStringsAtAsync(3, None));

            Assert.Contains(search, plan, StringComparison.Ordinal);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        }
    }
}

/// <summary>The contract on PostgreSQL, its query plans, and two nodes sharing one database.</summary>
public sealed class PostgresVideoListTests() : VideoListContract(MetadataEngineKind.Postgres)
{
    [Theory]
    [InlineData(VideoRows.ListNewestSql, "videos_by_creator_newest", new object[] { "alice", 21 })]
    [InlineData(VideoRows.ListAfterSql, "videos_by_creator_newest", new object[] { "alice", 21, 0L, "x" })]
    [InlineData(VideoRows.ListPublicReadySql, "videos_public_ready_newest", new object[] { 21 })]
    [InlineData(VideoRows.ListPublicReadyAfterSql, "videos_public_ready_newest", new object[] { 21, 0L, "x" })]
    [InlineData(VideoRows.ListBySha256Sql, "videos_by_sha256_created", new object[] { "x", 1000 })]
    public async Task Lists_are_read_in_order_from_an_index_without_a_sort(string sql, string index, object[] values)
    {
        await CreateAsync("a0", "alice", Start);
        var connection = await Services.GetRequiredService<PostgresDatabase>().OpenAsync(None);
        await using (connection)
        {
            // A tiny table would be scanned whole; forbidding scans and sorts shows which index can serve the order.
            await using (var settings = new NpgsqlCommand("SET enable_seqscan = off; SET enable_sort = off; SET enable_bitmapscan = off", connection))
            {
                await settings.ExecuteNonQueryAsync();
            }

            await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
            foreach (var value in values)
            {
                explain.Parameters.Add(new NpgsqlParameter { Value = value });
            }

            var steps = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    steps.Add(reader.GetString(0));
                }
            }

            var plan = string.Join('\n', steps);
            Assert.Contains($"using {index}", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("Sort", plan, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Two_nodes_on_one_database_see_each_others_creates_updates_and_deletes()
    {
        await using var other = OtherNode();
        var here = Services.GetRequiredService<IVideoCatalog>();
        var there = other.GetRequiredService<IVideoCatalog>();

        await CreateAsync("a0", "alice", Start);
        var seen = await there.GetAsync("a0", None);
        Assert.NotNull(seen);
        Assert.True(await there.UpdateAsync(seen with { Status = VideoStatus.Ready, Thumbnails = ["t0.jpg", "t1.jpg"], MediaVersion = "v2" }, None));

        var updated = await here.GetAsync("a0", None);
        Assert.Equal(VideoStatus.Ready, updated!.Status);
        Assert.Equal(["t0.jpg", "t1.jpg"], updated.Thumbnails);
        Assert.Equal(["a0"], (await here.ListPublicReadyAsync(null, 10, None)).Items.Select(v => v.Id));

        Assert.True(await here.DeleteAsync("a0", None));
        Assert.Null(await there.GetAsync("a0", None));
        Assert.False(await there.DeleteAsync("a0", None));
    }

    [Fact]
    public async Task Two_nodes_creating_and_importing_the_same_videos_at_once_store_each_once()
    {
        await using var other = OtherNode();
        var here = Services.GetRequiredService<IVideoCatalog>();
        var there = other.GetRequiredService<IVideoCatalog>();
        var videos = Enumerable.Range(0, 3000)
            .Select(i => new VideoRecord { Id = $"v{i:D4}", CreatorId = "alice", Sha256 = new string('0', 64), CreatedAt = Start.AddMilliseconds(i) })
            .ToList();

        // The same completion retried on two nodes at once (a few: the test server's connections are shared by every
        // test running in parallel), then two overlapping seed batches at once, in opposite orders.
        await Task.WhenAll(videos.Take(10).SelectMany(v => new[] { here.CreateAsync(v, None).AsTask(), there.CreateAsync(v, None).AsTask() }));
        var added = await Task.WhenAll(here.ImportAsync(videos, None).AsTask(), there.ImportAsync([.. videos.AsEnumerable().Reverse()], None).AsTask());

        Assert.Equal(videos.Count - 10, added.Sum());
        var copies = await here.ListBySha256Async(new string('0', 64), videos.Count, None);
        Assert.Equal(videos.Select(v => v.Id), copies.Select(v => v.Id));
    }

    /// <summary>A second node: its own service provider (its own PostgresDatabase and pool) on the same database.</summary>
    private ServiceProvider OtherNode()
    {
        var services = new ServiceCollection();
        Engine.AddStores(services.AddShortVideo());
        return services.BuildServiceProvider();
    }
}
