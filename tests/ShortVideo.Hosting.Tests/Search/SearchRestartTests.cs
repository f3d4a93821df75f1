using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Interactions;
using ShortVideo.Testing;
using static ShortVideo.Hosting.Tests.Search.SearchNode;

namespace ShortVideo.Hosting.Tests.Search;

/// <summary>What survives a restart: videos ready before search existed are indexed at start; trending keeps its windows.</summary>
public sealed class SearchRestartTests : IAsyncLifetime
{
    private readonly TempDirectory _files = new("search-restart");
    private readonly string _dataDir = Directory.CreateTempSubdirectory("sv-search-restart-").FullName;

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
        _files.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Videos_ready_before_the_upgrade_are_indexed_at_the_first_start_and_trending_survives_a_restart()
    {
        var clip = await TestClips.VideoAsync(_files.Path, "clip.mp4", 320, 240, seconds: 1, audio: false);
        string publicId, privateId;
        await using (var node = await InProcessNode.StartAsync(dataDir: _dataDir))
        {
            using var alice = node.Client("alice");
            publicId = await VideoRequests.UploadAsync(alice, clip, TusRequests.Metadata(("caption", "armadillo parade #oldvideo")));
            privateId = await VideoRequests.UploadAsync(alice, clip, TusRequests.Metadata(("caption", "armadillo secret"), ("visibility", "private")));
            await VideoRequests.WaitUntilProcessedAsync(alice, publicId);
            await VideoRequests.WaitUntilProcessedAsync(alice, privateId);
            foreach (var observer in node.App.Services.GetServices<IInteractionObserver>())
            {
                await observer.ObserveAsync([new UserInteraction("fan", InteractionType.Share, publicId, null, DateTimeOffset.UtcNow)], CancellationToken.None);
            }
        }

        // What a database from before search looks like: the index empty, the one-time backfill pending.
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDir, "shortvideo.db")}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO search_video_text (search_video_text) VALUES ('delete-all');
                DELETE FROM search_videos; DELETE FROM search_video_terms; DELETE FROM search_video_term_deletions;
                DELETE FROM search_video_tags; DELETE FROM search_hashtags;
                INSERT INTO search_user_text (search_user_text) VALUES ('delete-all');
                DELETE FROM search_users; DELETE FROM search_user_terms; DELETE FROM search_user_term_deletions;
                INSERT OR IGNORE INTO search_pending (task) VALUES ('backfill-videos');
                """;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        await using (var node = await InProcessNode.StartAsync(dataDir: _dataDir))
        {
            using var bob = node.Client("bob");
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while ((await SearchIdsAsync(bob, "armadillo ")).Count == 0 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }

            Assert.Equal([publicId], await SearchIdsAsync(bob, "armadillo "));
            Assert.Equal([publicId], Ids(await GetAsync(bob, "api/v1/hashtags/oldvideo/videos")));
            Assert.Equal(["alice"], await SearchIdsAsync(bob, "alice", "users"));
            Assert.Equal([publicId], Ids(await GetAsync(bob, "api/v1/trending/videos")));
        }
    }
}
