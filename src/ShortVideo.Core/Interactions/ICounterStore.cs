namespace ShortVideo.Interactions;

/// <summary>
/// The durable counters. Writers never call it directly: increments are batched in memory and added here at least once
/// a second; reads add what is not flushed yet (<see cref="ICounterReader"/>).
/// </summary>
public interface ICounterStore
{
    /// <summary>Adds the deltas (they may be negative) in one write.</summary>
    ValueTask AddAsync(IReadOnlyDictionary<string, VideoCounts> videoDeltas, IReadOnlyDictionary<string, UserCounts> userDeltas, CancellationToken cancellationToken);

    /// <summary>The stored counters of those of <paramref name="videoIds"/> that have any.</summary>
    ValueTask<IReadOnlyDictionary<string, VideoCounts>> GetVideoCountsAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken);

    /// <summary>The stored counters of the user (zeroes when none).</summary>
    ValueTask<UserCounts> GetUserCountsAsync(string userId, CancellationToken cancellationToken);

    /// <summary>Forgets a deleted video's counters.</summary>
    ValueTask DeleteVideoAsync(string videoId, CancellationToken cancellationToken);
}
