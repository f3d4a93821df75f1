using System.Collections.Concurrent;
using ShortVideo.Interactions;
using ShortVideo.Social;

namespace ShortVideo.Core.Tests.Feeds;

/// <summary>Blocks, "not interested" and watch history as the social module answers them, held in memory for a test.</summary>
internal sealed class InTestSocial : ISocialGraph, IViewerSignals
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _blocks = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _notInterested = new();
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _watched = new();

    public void Block(string blocker, string blocked) => Set(_blocks, blocker).TryAdd(blocked, true);

    public void NotInterested(string viewer, string videoId) => Set(_notInterested, viewer).TryAdd(videoId, true);

    public void Watched(string viewer, string videoId) => Set(_watched, viewer).TryAdd(videoId, true);

    public ValueTask<IReadOnlySet<string>> BlockedEitherWayAsync(string viewerId, CancellationToken cancellationToken)
    {
        var either = new HashSet<string>(Set(_blocks, viewerId).Keys);
        foreach (var (blocker, blocked) in _blocks)
        {
            if (blocked.ContainsKey(viewerId))
            {
                either.Add(blocker);
            }
        }

        return ValueTask.FromResult<IReadOnlySet<string>>(either);
    }

    public ValueTask<IReadOnlySet<string>> NotInterestedAsync(string viewerId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>>(new HashSet<string>(Set(_notInterested, viewerId).Keys));

    public ValueTask<IReadOnlySet<string>> RecentlyWatchedAsync(string viewerId, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>>(new HashSet<string>(Set(_watched, viewerId).Keys.Take(limit)));

    public ValueTask<IReadOnlySet<string>> LikedAmongAsync(string viewerId, IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    public ValueTask<IReadOnlySet<string>> FollowedAmongAsync(string viewerId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>>(new HashSet<string>());

    public ValueTask<IReadOnlyList<string>> ListFolloweeIdsAsync(string userId, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>([]);

    public ValueTask<IReadOnlyList<string>> ListActiveFollowerIdsAsync(string creatorId, DateTimeOffset activeSince, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>([]);

    // The feed only reads the graph; writing it is the social module's, tested with its real stores.
    public ValueTask<BlockState> GetBlockStateAsync(string viewerId, string otherId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The feed does not ask.");

    public ValueTask<FollowChange> FollowAsync(string followerId, string followeeId, DateTimeOffset at, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The feed does not follow.");

    public ValueTask<bool> UnfollowAsync(string followerId, string followeeId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The feed does not unfollow.");

    public ValueTask<BlockChange> BlockAsync(string blockerId, string blockedId, DateTimeOffset at, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The feed does not block.");

    public ValueTask<IReadOnlyList<FollowEdge>> ImportFollowsAsync(IReadOnlyList<FollowEdge> follows, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The feed does not import follows.");

    public ValueTask<bool> UnblockAsync(string blockerId, string blockedId, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The feed does not unblock.");

    private static ConcurrentDictionary<string, bool> Set(ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> map, string key) =>
        map.GetOrAdd(key, static _ => new ConcurrentDictionary<string, bool>(StringComparer.Ordinal));
}
