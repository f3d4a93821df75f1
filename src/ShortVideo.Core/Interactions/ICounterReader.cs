namespace ShortVideo.Interactions;

/// <summary>Reads the platform's counters: durable value plus what is batched and not yet flushed, so a read is exact.</summary>
public interface ICounterReader
{
    /// <summary>Counters of each of <paramref name="videoIds"/> (zeroes for unknown ids).</summary>
    ValueTask<IReadOnlyDictionary<string, VideoCounts>> GetVideoCountsAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken);

    /// <summary>The user's counters (zeroes for an unknown user).</summary>
    ValueTask<UserCounts> GetUserCountsAsync(string userId, CancellationToken cancellationToken);
}
