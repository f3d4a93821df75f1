using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using ShortVideo.Catalog;
using ShortVideo.Interactions;
using ShortVideo.Search;
using ShortVideo.Social;
using ShortVideo.Storage.Sqlite;

namespace ShortVideo.Cli.Seed;

/// <summary>
/// <c>svctl seed</c>: writes a <see cref="SyntheticWorld"/> into a data directory through Core's public stores (their
/// bulk imports, one transaction per batch), with search entries for videos and users and exact follower counts, so
/// a node started on it serves feeds, search and profiles at once. One short clip is encoded, once, through the node's
/// media pipeline (<see cref="SeedMedia"/>), and every seeded video plays it; without ffmpeg they are ready rows without
/// playback.
/// </summary>
internal static class SeedRun
{
    private const int VideoBatch = 5000;
    private const int UserBatch = 5000;
    private const int FollowBatch = 20_000;

    public static async Task<SeedReport> RunAsync(string dataDirectory, SeedSettings settings, Action<string> status, CancellationToken cancellationToken)
    {
        var root = Path.GetFullPath(dataDirectory);
        try
        {
            SqliteMetadataFile.ThrowIfInUse(root);
        }
        catch (MetadataDatabaseException inUse)
        {
            throw new SeedRefusedException($"nothing was seeded: {inUse.Message}", 1);
        }

        var existing = SqliteMetadataFile.CheckDataDirectory(root);
        if (existing.State is not (MetadataFileState.Ok or MetadataFileState.New))
        {
            throw new SeedRefusedException($"nothing was seeded: {existing.Sentence}", 1);
        }

        if (existing.Videos is > 0)
        {
            throw new SeedRefusedException($"nothing was seeded: {root} already has {existing.Videos} videos; seed an empty data directory (--data DIR)", 2);
        }

        var clock = Stopwatch.StartNew();
        var world = new SyntheticWorld(settings.Users, settings.Videos, settings.Seed, DateTimeOffset.UtcNow);
        var (source, noMedia) = await SeedMedia.MakeAsync(root, SyntheticWorld.UserId(SyntheticWorld.CreatorUser(0)), status, cancellationToken).ConfigureAwait(false);
        var services = new ServiceCollection();
        services.Configure<DataDirectoryOptions>(o => o.Path = root);
        services.AddLogging();
        services.AddShortVideo().AddSqliteMetadata().AddSqliteSearch().AddSqliteSocialStores();
        var provider = services.BuildServiceProvider();
        try
        {
            await using (provider.ConfigureAwait(false))
            {
                var users = await SeedUsersAsync(world, provider, status, cancellationToken).ConfigureAwait(false);
                var videos = await SeedVideosAsync(world, source, provider, status, cancellationToken).ConfigureAwait(false);
                var follows = await SeedFollowsAsync(world, provider, status, cancellationToken).ConfigureAwait(false);
                return new SeedReport
                {
                    DataDirectory = root,
                    Users = users,
                    Creators = world.Creators,
                    Videos = videos,
                    Follows = follows,
                    Seed = settings.Seed,
                    Seconds = Math.Round(clock.Elapsed.TotalSeconds, 2),
                    DatabaseBytes = DatabaseBytes(root),
                    MediaSourceId = source?.Id,
                    Playback = noMedia ?? string.Create(
                        CultureInfo.InvariantCulture,
                        $"every seeded video plays one shared {source!.DurationMs / 1000.0:0.#} s clip (the media of private video {source.Id}, transcoded once)"),
                };
            }
        }
        finally
        {
            // The node that starts on this directory next must find the file closed (no pooled handle holds it).
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Every user, with a handle and a name saying their taste (searchable), active now (Following push reaches them).</summary>
    private static async Task<int> SeedUsersAsync(SyntheticWorld world, IServiceProvider provider, Action<string> status, CancellationToken cancellationToken)
    {
        var directory = provider.GetRequiredService<IUserDirectory>();
        var search = provider.GetRequiredService<IUserSearchIndex>();
        var added = 0;
        var batch = new List<UserProfile>(UserBatch);
        for (var i = 0; i < world.Users; i++)
        {
            var topic = SyntheticWorld.Topics[world.TasteOf(i)];
            var id = SyntheticWorld.UserId(i);
            batch.Add(new UserProfile
            {
                Id = id,
                Handle = id,
                DisplayName = string.Create(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(topic[0])}{topic[1..]} fan {i}"),
                CreatedAt = world.Now.AddDays(-60),
                LastActiveAt = world.Now,
            });
            if (batch.Count == UserBatch || i == world.Users - 1)
            {
                added += await directory.ImportAsync(batch, cancellationToken).ConfigureAwait(false);
                foreach (var user in batch)
                {
                    await search.UpsertAsync(user.Id, user.Handle, user.DisplayName, cancellationToken).ConfigureAwait(false);
                }

                batch.Clear();
                status(string.Create(CultureInfo.InvariantCulture, $"users: {i + 1} of {world.Users}"));
            }
        }

        return added;
    }

    /// <summary>Ready public videos playing <paramref name="source"/>'s media (when there is one), indexed for search in the same batches.</summary>
    private static async Task<int> SeedVideosAsync(SyntheticWorld world, VideoRecord? source, IServiceProvider provider, Action<string> status, CancellationToken cancellationToken)
    {
        var catalog = provider.GetRequiredService<IVideoCatalog>();
        var search = provider.GetRequiredService<IVideoSearchIndex>();
        var added = 0;
        var batch = new List<VideoRecord>(VideoBatch);
        for (var i = 0; i < world.Videos; i++)
        {
            var video = world.Video(i);
            var row = new VideoRecord
            {
                Id = video.Id,
                CreatorId = video.CreatorId,
                Status = VideoStatus.Ready,
                Visibility = VideoVisibility.Public,

                // Without media, a distinct fake address per video: identical-upload deduplication must never pair a
                // real upload with a row that has no media. With media, the rows take the clip's real address.
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(video.Id))),
                Caption = video.Caption,
                DurationMs = 15_000,
                CreatedAt = video.CreatedAt,
            };
            batch.Add(source is null ? row : SeedMedia.Share(row, source));
            if (batch.Count == VideoBatch || i == world.Videos - 1)
            {
                added += await catalog.ImportAsync(batch, cancellationToken).ConfigureAwait(false);
                await search.IndexAsync([.. batch.Select(SearchableVideo.From)], cancellationToken).ConfigureAwait(false);
                batch.Clear();
                if ((i + 1) % 100_000 < VideoBatch || i == world.Videos - 1)
                {
                    status(string.Create(CultureInfo.InvariantCulture, $"videos: {i + 1} of {world.Videos}"));
                }
            }
        }

        return added;
    }

    /// <summary>Each user's follows, then the follower and following counts of exactly the follows added.</summary>
    private static async Task<int> SeedFollowsAsync(SyntheticWorld world, IServiceProvider provider, Action<string> status, CancellationToken cancellationToken)
    {
        var graph = provider.GetRequiredService<ISocialGraph>();
        var counters = provider.GetRequiredService<ICounterStore>();
        var followers = new Dictionary<string, long>(StringComparer.Ordinal);
        var following = new Dictionary<string, long>(StringComparer.Ordinal);
        var added = 0;
        var batch = new List<FollowEdge>(FollowBatch);
        for (var i = 0; i < world.Users; i++)
        {
            var follower = SyntheticWorld.UserId(i);
            foreach (var rank in world.FollowedCreators(i))
            {
                batch.Add(new FollowEdge(follower, SyntheticWorld.UserId(SyntheticWorld.CreatorUser(rank)), world.Now.AddDays(-30)));
            }

            if (batch.Count >= FollowBatch || i == world.Users - 1)
            {
                foreach (var edge in await graph.ImportFollowsAsync(batch, cancellationToken).ConfigureAwait(false))
                {
                    followers[edge.FolloweeId] = followers.GetValueOrDefault(edge.FolloweeId) + 1;
                    following[edge.FollowerId] = following.GetValueOrDefault(edge.FollowerId) + 1;
                    added++;
                }

                batch.Clear();
                status(string.Create(CultureInfo.InvariantCulture, $"follows: {added} for {i + 1} of {world.Users} users"));
            }
        }

        var deltas = followers.Keys.Union(following.Keys, StringComparer.Ordinal)
            .Select(id => KeyValuePair.Create(id, new UserCounts(followers.GetValueOrDefault(id), following.GetValueOrDefault(id), 0)));
        foreach (var chunk in deltas.Chunk(UserBatch))
        {
            await counters.AddAsync(new Dictionary<string, VideoCounts>(), new Dictionary<string, UserCounts>(chunk, StringComparer.Ordinal), cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    private static long DatabaseBytes(string root)
    {
        var path = SqliteMetadataFile.PathIn(root);
        return (File.Exists(path) ? new FileInfo(path).Length : 0) + (File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0);
    }
}
