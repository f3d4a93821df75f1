using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Catalog;
using ShortVideo.Storage.Sqlite;

namespace ShortVideo.Core.Tests.Catalog;

/// <summary>A creator's videos, newest first, paged with a cursor, on the real SQLite catalog.</summary>
public sealed class VideoListTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _dataDir = Directory.CreateTempSubdirectory("sv-catalog-").FullName;
    private ServiceProvider _services = null!;

    private IVideoCatalog Catalog => _services.GetRequiredService<IVideoCatalog>();

    public Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.Configure<DataDirectoryOptions>(o => o.Path = _dataDir);
        services.AddShortVideo().AddSqliteMetadata();
        _services = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
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

    [Theory]
    [InlineData(SqliteVideoCatalog.ListNewestSql)]
    [InlineData(SqliteVideoCatalog.ListAfterSql)]
    public async Task Listing_is_a_search_on_the_creator_index_without_a_sort(string sql)
    {
        await CreateAsync("a0", "alice", Start);
        var connection = await _services.GetRequiredService<SqliteDatabase>().OpenAsync(None);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            command.Parameters.AddWithValue("$creator", "alice");
            command.Parameters.AddWithValue("$limit", 21);
            command.Parameters.AddWithValue("$at", 0L);
            command.Parameters.AddWithValue("$id", "x");
            var plan = string.Join('\n', await command.ReadStringsAtAsync(3, None));

            Assert.Contains("USING INDEX videos_by_creator_newest (creator_id=?", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        }
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

    [Theory]
    [InlineData(SqliteVideoCatalog.ListPublicReadySql)]
    [InlineData(SqliteVideoCatalog.ListPublicReadyAfterSql)]
    public async Task The_public_ready_list_is_a_search_on_its_index_without_a_sort(string sql)
    {
        var connection = await _services.GetRequiredService<SqliteDatabase>().OpenAsync(None);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + sql;
            command.Parameters.AddWithValue("$limit", 21);
            command.Parameters.AddWithValue("$at", 0L);
            command.Parameters.AddWithValue("$id", "x");
            var plan = string.Join('\n', await command.ReadStringsAtAsync(3, None));

            Assert.Contains("USING INDEX videos_by_status_visibility_newest (status=? AND visibility=?", plan, StringComparison.Ordinal);
            Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
        }
    }

    /// <summary>Goes through the opaque string, as a client's cursor does.</summary>
    [Fact]
    public async Task Copies_of_one_address_are_listed_oldest_first_from_an_index_without_sorting_them_all()
    {
        // svctl seed gives up to millions of videos one clip's address; sorting them all cost a second per read.
        await CreateAsync("late", "alice", Start.AddMilliseconds(5));
        await CreateAsync("early", "bob", Start);
        await CreateAsync("tie-b", "carol", Start.AddMilliseconds(1));
        await CreateAsync("tie-a", "dave", Start.AddMilliseconds(1));

        var copies = await Catalog.ListBySha256Async(new string('0', 64), 3, None);

        Assert.Equal(["early", "tie-a", "tie-b"], copies.Select(v => v.Id));
        using var connection = new SqliteConnection($"Data Source={SqliteMetadataFile.PathIn(_dataDir)};Mode=ReadOnly");
        connection.Open();
        using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN SELECT id FROM videos WHERE sha256 = 'x' ORDER BY created_at, id LIMIT 1000";
        using var plan = explain.ExecuteReader();
        var steps = new List<string>();
        while (plan.Read())
        {
            steps.Add(plan.GetString(3));
        }

        Assert.DoesNotContain(steps, step => step.Contains("TEMP B-TREE", StringComparison.Ordinal));
    }

    private static VideoListCursor Reparse(VideoListCursor cursor)
    {
        Assert.True(VideoListCursor.TryParse(cursor.Encode(), out var parsed));
        return parsed;
    }

    private ValueTask CreateAsync(string id, string creator, DateTimeOffset createdAt, VideoVisibility visibility = VideoVisibility.Public, VideoStatus status = VideoStatus.Uploaded) =>
        Catalog.CreateAsync(
            new VideoRecord { Id = id, CreatorId = creator, Sha256 = new string('0', 64), CreatedAt = createdAt, Visibility = visibility, Status = status },
            None);
}
