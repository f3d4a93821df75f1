using System.Collections.Concurrent;
using ShortVideo.Social;

namespace ShortVideo.Storage.Sqlite;

/// <summary>
/// Last-active hours, written in batches: a burst of returning users (a node restarting, the top of an hour) would
/// otherwise queue one write transaction each behind SQLite's single writer, on the path of their first request.
/// Reads of this directory see pending hours at once; the fan-out's active-follower query sees them within
/// <see cref="TouchDelay"/>. Pending hours are written on dispose; a crash loses at most that window, and a user
/// whose hour was lost gets their inbox rebuilt on their next read (FollowingFeed).
/// </summary>
internal sealed partial class SqliteUserDirectory
{
    // A batching window, not business time: real time even under a test's manual clock.
    private static readonly TimeSpan TouchDelay = TimeSpan.FromMilliseconds(500);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _touches = new(StringComparer.Ordinal);
    private int _flushing;

    public async ValueTask DisposeAsync()
    {
        await FlushTouchesAsync().ConfigureAwait(false);
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

    private UserProfile? WithPendingTouch(UserProfile? profile) =>
        profile is not null && _touches.TryGetValue(profile.Id, out var hour) && hour > profile.LastActiveAt
            ? profile with { LastActiveAt = hour }
            : profile;

    private async Task FlushLaterAsync()
    {
        try
        {
            await Task.Delay(TouchDelay).ConfigureAwait(false);
            await FlushTouchesAsync().ConfigureAwait(false);
        }
        catch (Exception failure) when (failure is Microsoft.Data.Sqlite.SqliteException or ObjectDisposedException or InvalidOperationException)
        {
            // The hours stay pending (FlushTouchesAsync puts them back) and go with the next touch or on dispose; a
            // failing database shows in the health checks, not here.
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

    /// <summary>Writes every pending hour in one transaction; on failure they are pending again.</summary>
    private async Task FlushTouchesAsync()
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
            var writer = await database.OpenWriterAsync(CancellationToken.None).ConfigureAwait(false);
            await using (writer.ConfigureAwait(false))
            {
                var connection = writer.Connection;
                using var transaction = connection.BeginTransaction();
                using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = "UPDATE users SET last_active_at = $hour WHERE id = $id AND last_active_at < $hour";
                var id = command.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
                var hour = command.Parameters.Add("$hour", Microsoft.Data.Sqlite.SqliteType.Integer);
                foreach (var (userId, at) in batch)
                {
                    id.Value = userId;
                    hour.Value = at.ToUnixTimeMilliseconds();
                    await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }

                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
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
