using ShortVideo.Interactions;
using ShortVideo.Social;

namespace ShortVideo.Core.Tests.Feeds;

/// <summary>
/// A small social graph for feed tests in Core, where the SQLite social store of the node is not the thing under test:
/// follows in order, blocks, activity times, and follower counts that a test may set higher than the follows it made.
/// </summary>
internal sealed class InMemorySocialGraph(TimeProvider time) : ISocialGraph, ICounterReader
{
    private readonly List<(string Follower, string Followee)> _follows = [];
    private readonly HashSet<(string, string)> _blocks = [];
    private readonly Dictionary<string, DateTimeOffset> _lastActive = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _extraFollowers = new(StringComparer.Ordinal);

    public void Follow(string follower, string followee)
    {
        _follows.Add((follower, followee));
        Touch(follower);
    }

    public void Unfollow(string follower, string followee) => _follows.Remove((follower, followee));

    public void Block(string blocker, string blocked)
    {
        _blocks.Add((blocker, blocked));
        _follows.RemoveAll(f => (f.Follower == blocker && f.Followee == blocked) || (f.Follower == blocked && f.Followee == blocker));
    }

    public void Touch(string user) => _lastActive[user] = time.GetUtcNow();

    public void AddPhantomFollowers(string creator, long count) => _extraFollowers[creator] = count;

    public ValueTask<IReadOnlySet<string>> FollowedAmongAsync(string viewerId, IReadOnlyCollection<string> userIds, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>>(_follows.Where(f => f.Follower == viewerId && userIds.Contains(f.Followee)).Select(f => f.Followee).ToHashSet());

    public ValueTask<IReadOnlyList<string>> ListFolloweeIdsAsync(string userId, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(_follows.Where(f => f.Follower == userId).Select(f => f.Followee).Reverse().Take(limit).ToList());

    public ValueTask<IReadOnlyList<string>> ListActiveFollowerIdsAsync(string creatorId, DateTimeOffset activeSince, int limit, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(_follows
            .Where(f => f.Followee == creatorId && _lastActive.TryGetValue(f.Follower, out var at) && at >= activeSince)
            .Select(f => f.Follower)
            .Take(limit)
            .ToList());

    public ValueTask<IReadOnlySet<string>> BlockedEitherWayAsync(string viewerId, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlySet<string>>(_blocks.Where(b => b.Item1 == viewerId || b.Item2 == viewerId).Select(b => b.Item1 == viewerId ? b.Item2 : b.Item1).ToHashSet());

    public ValueTask<IReadOnlyDictionary<string, VideoCounts>> GetVideoCountsAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, VideoCounts>>(videoIds.ToDictionary(id => id, _ => default(VideoCounts)));

    public ValueTask<UserCounts> GetUserCountsAsync(string userId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new UserCounts(
            _follows.Count(f => f.Followee == userId) + _extraFollowers.GetValueOrDefault(userId),
            _follows.Count(f => f.Follower == userId),
            0));
}
