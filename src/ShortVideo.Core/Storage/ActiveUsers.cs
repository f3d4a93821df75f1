using System.Collections.Concurrent;
using System.Data.Common;
using ShortVideo.Social;

namespace ShortVideo.Storage;

/// <summary>
/// The part of a user directory that every engine shares: <c>EnsureAsync</c> runs on every authenticated request, so it
/// answers from memory while the user's last-active hour is already known (one read per user per hour, not per
/// request), and last-active hours are written in batches: a burst of returning users (a node restarting, the top of
/// an hour) would otherwise cost one write each on the path of their first request. Reads of the directory see
/// pending hours at once (<see cref="WithPendingHour"/>); the fan-out's active-follower query sees them within
/// <see cref="TouchDelay"/>. Pending hours are written on dispose; a crash loses at most that window, and a user whose
/// hour was lost gets their inbox rebuilt on their next read (FollowingFeed).
/// </summary>
/// <param name="time">The clock that says which hour it is.</param>
/// <param name="writeHours">Writes a batch of (user id, hour) in one transaction, never moving an hour back.</param>
internal sealed class ActiveUsers(TimeProvider time, Func<IReadOnlyList<KeyValuePair<string, DateTimeOffset>>, Task> writeHours) : IAsyncDisposable
{
    // Bounds the memory of the active-user cache; past it the cache starts over (each user then writes once more).
    private const int MaxCached = 100_000;

    // A batching window, not business time: real time even under a test's manual clock.
    private static readonly TimeSpan TouchDelay = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, UserProfile> _active = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _touches = new(StringComparer.Ordinal);
    private int _flushing;

    /// <summary>
    /// The user's profile, active this hour: from memory when known, else <paramref name="readOrCreate"/>'s (given the
    /// hour and now; a new user is created active this hour), with a newer hour pending to be written.
    /// </summary>
    public async ValueTask<UserProfile> EnsureAsync(string userId, Func<DateTimeOffset, DateTimeOffset, Task<UserProfile>> readOrCreate)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var now = time.GetUtcNow();
        var hour = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero);
        if (_active.TryGetValue(userId, out var cached) && cached.LastActiveAt == hour)
        {
            return cached;
        }

        var profile = await readOrCreate(hour, now).ConfigureAwait(false);
        if (profile.LastActiveAt < hour)
        {
            Touch(userId, hour);
            profile = profile with { LastActiveAt = hour };
        }

        if (_active.Count >= MaxCached)
        {
            _active.Clear();
        }

        _active[userId] = profile;
        return profile;
    }

    /// <summary>Drops the user's remembered profile (it changed).</summary>
    public void Forget(string userId) => _active.TryRemove(userId, out _);

    /// <summary>Drops every remembered profile (a change touched many).</summary>
    public void ForgetAll() => _active.Clear();

    /// <summary>The profile with its pending last-active hour, when that is newer than the stored one.</summary>
    public UserProfile? WithPendingHour(UserProfile? profile) =>
        profile is not null && _touches.TryGetValue(profile.Id, out var hour) && hour > profile.LastActiveAt
            ? profile with { LastActiveAt = hour }
            : profile;

    public async ValueTask DisposeAsync()
    {
        await FlushAsync().ConfigureAwait(false);
    }

    private void Touch(string userId, DateTimeOffset hour)
    {
        Pend(userId, hour);
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
        {
            _ = FlushLaterAsync();
        }
    }

    /// <summary>Keeps the later of a pending hour and <paramref name="hour"/>.</summary>
    private void Pend(string userId, DateTimeOffset hour) =>
        _touches.AddOrUpdate(userId, static (_, h) => h, static (_, old, h) => h > old ? h : old, hour);

    private async Task FlushLaterAsync()
    {
        try
        {
            await Task.Delay(TouchDelay).ConfigureAwait(false);
            await FlushAsync().ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is DbException or ObjectDisposedException or InvalidOperationException)
        {
            // The hours stay pending (FlushAsync puts them back) and go with the next touch or on dispose; a failing
            // database shows in the health checks, not here.
        }
        finally
        {
            Volatile.Write(ref _flushing, 0);
        }

        // A touch that came while this flush ran found the flag taken: start the next one for it.
        if (!_touches.IsEmpty && Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
        {
            _ = FlushLaterAsync();
        }
    }

    /// <summary>Writes every pending hour in one batch; on failure they are pending again.</summary>
    private async Task FlushAsync()
    {
        var batch = new List<KeyValuePair<string, DateTimeOffset>>();
        foreach (var pending in _touches)
        {
            if (_touches.TryRemove(pending))
            {
                batch.Add(pending);
            }
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await writeHours(batch).ConfigureAwait(false);
        }
        catch
        {
            foreach (var (userId, at) in batch)
            {
                Pend(userId, at);
            }

            throw;
        }
    }
}
