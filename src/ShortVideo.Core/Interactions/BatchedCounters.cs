namespace ShortVideo.Interactions;

/// <summary>
/// Counter increments held in memory until <see cref="FlushAsync"/> adds them to the store in one write; reads are the
/// stored value plus what is held, so they are exact before and after a flush.
/// </summary>
/// <remarks>
/// A read must count a delta once: not both in the store and in memory, nor in neither. Deltas being written stay
/// visible (<c>_flushing</c>) until the write commits; a generation number moves when they are dropped, and a read
/// that saw it move retries.
/// </remarks>
internal sealed class BatchedCounters(ICounterStore store) : ICounterReader, IDisposable
{
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _flushGate = new(1, 1);
    private Dictionary<string, VideoCounts> _videos = new(StringComparer.Ordinal);
    private Dictionary<string, UserCounts> _users = new(StringComparer.Ordinal);
    private Dictionary<string, VideoCounts> _flushingVideos = new(StringComparer.Ordinal);
    private Dictionary<string, UserCounts> _flushingUsers = new(StringComparer.Ordinal);
    private long _generation;

    public void AddVideo(string videoId, VideoCounts delta)
    {
        lock (_lock)
        {
            CounterMath.AddTo(_videos, videoId, delta, CounterMath.Add);
        }
    }

    public void AddUser(string userId, UserCounts delta)
    {
        lock (_lock)
        {
            CounterMath.AddTo(_users, userId, delta, CounterMath.Add);
        }
    }

    /// <summary>Drops what is held for a deleted video (its stored row goes too).</summary>
    public void ForgetVideo(string videoId)
    {
        lock (_lock)
        {
            _videos.Remove(videoId);
        }
    }

    /// <summary>Whether increments are waiting to be written.</summary>
    public bool HasPending
    {
        get
        {
            lock (_lock)
            {
                return _videos.Count > 0 || _users.Count > 0;
            }
        }
    }

    public async ValueTask<IReadOnlyDictionary<string, VideoCounts>> GetVideoCountsAsync(IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(videoIds);
        while (true)
        {
            var generation = Volatile.Read(ref _generation);
            var held = new Dictionary<string, VideoCounts>(videoIds.Count, StringComparer.Ordinal);
            lock (_lock)
            {
                foreach (var id in videoIds)
                {
                    var delta = default(VideoCounts);
                    if (_videos.TryGetValue(id, out var pending))
                    {
                        delta = CounterMath.Add(delta, pending);
                    }

                    if (_flushingVideos.TryGetValue(id, out var flushing))
                    {
                        delta = CounterMath.Add(delta, flushing);
                    }

                    held[id] = delta;
                }
            }

            var stored = await store.GetVideoCountsAsync(videoIds, cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _generation) != generation)
            {
                continue;
            }

            var counts = new Dictionary<string, VideoCounts>(held.Count, StringComparer.Ordinal);
            foreach (var (id, delta) in held)
            {
                counts[id] = CounterMath.Floor(stored.TryGetValue(id, out var value) ? CounterMath.Add(value, delta) : delta);
            }

            return counts;
        }
    }

    public async ValueTask<UserCounts> GetUserCountsAsync(string userId, CancellationToken cancellationToken)
    {
        while (true)
        {
            var generation = Volatile.Read(ref _generation);
            UserCounts held = default;
            lock (_lock)
            {
                if (_users.TryGetValue(userId, out var pending))
                {
                    held = CounterMath.Add(held, pending);
                }

                if (_flushingUsers.TryGetValue(userId, out var flushing))
                {
                    held = CounterMath.Add(held, flushing);
                }
            }

            var stored = await store.GetUserCountsAsync(userId, cancellationToken).ConfigureAwait(false);
            if (Volatile.Read(ref _generation) == generation)
            {
                return CounterMath.Floor(CounterMath.Add(stored, held));
            }
        }
    }

    /// <summary>Writes what is held in one store write; on failure it stays held for the next flush.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _flushGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Dictionary<string, VideoCounts> videos;
            Dictionary<string, UserCounts> users;
            lock (_lock)
            {
                if (_videos.Count == 0 && _users.Count == 0)
                {
                    return;
                }

                (videos, _videos, _flushingVideos) = (_videos, _flushingVideos, _videos);
                (users, _users, _flushingUsers) = (_users, _flushingUsers, _users);
            }

            var written = false;
            try
            {
                await store.AddAsync(videos, users, cancellationToken).ConfigureAwait(false);
                written = true;
            }
            finally
            {
                lock (_lock)
                {
                    if (!written)
                    {
                        foreach (var (id, delta) in videos)
                        {
                            CounterMath.AddTo(_videos, id, delta, CounterMath.Add);
                        }

                        foreach (var (id, delta) in users)
                        {
                            CounterMath.AddTo(_users, id, delta, CounterMath.Add);
                        }
                    }

                    // The emptied dictionaries are the next pending ones' spares.
                    _flushingVideos = new Dictionary<string, VideoCounts>(StringComparer.Ordinal);
                    _flushingUsers = new Dictionary<string, UserCounts>(StringComparer.Ordinal);
                    Interlocked.Increment(ref _generation);
                }
            }
        }
        finally
        {
            _flushGate.Release();
        }
    }

    public void Dispose() => _flushGate.Dispose();
}
