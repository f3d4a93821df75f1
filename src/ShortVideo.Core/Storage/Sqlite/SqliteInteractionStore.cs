using Microsoft.Data.Sqlite;
using ShortVideo.Interactions;

namespace ShortVideo.Storage.Sqlite;

/// <summary>Likes, "not interested" marks, watch history and the de-duplicating event log in SQLite; the viewer's signals read them.</summary>
internal sealed partial class SqliteInteractionStore(SqliteDatabase database) : IInteractionStore, IViewerSignals
{
    public async ValueTask<bool> SetLikedAsync(string userId, string videoId, bool liked, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            liked
                ? "INSERT OR IGNORE INTO likes (user_id, video_id, created_at) VALUES ($user, $video, $at)"
                : "DELETE FROM likes WHERE user_id = $user AND video_id = $video",
            p => BindPair(p, userId, videoId, at),
            cancellationToken).ConfigureAwait(false) == 1;

    public async ValueTask<bool> MarkNotInterestedAsync(string userId, string videoId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT OR IGNORE INTO not_interested (user_id, video_id, created_at) VALUES ($user, $video, $at)",
            p => BindPair(p, userId, videoId, at),
            cancellationToken).ConfigureAwait(false) == 1;

    public async ValueTask<IReadOnlyList<EventOutcome>> RecordAsync(string userId, IReadOnlyList<ClientInteraction> events, DateTimeOffset receivedAt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var pending = new PendingEvents(userId, events, receivedAt);
        _pending.Enqueue(pending);
        if (Interlocked.CompareExchange(ref _draining, 1, 0) == 0)
        {
            _ = Task.Run(DrainAsync, CancellationToken.None);
        }

        // A request that gives up still has its events written: the client's retry with the same ids counts them once.
        return await pending.Done.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> ForgetVideoAsync(string videoId, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$video", videoId);
            command.CommandText = "DELETE FROM likes WHERE video_id = $video";
            var likes = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            command.CommandText = "DELETE FROM not_interested WHERE video_id = $video; DELETE FROM watch_history WHERE video_id = $video; DELETE FROM shares WHERE video_id = $video;";
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return likes;
        }
    }

    public async ValueTask PruneEventsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "DELETE FROM interaction_events WHERE received_at < $before",
            p => p.AddWithValue("$before", before.ToUnixTimeMilliseconds()),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlySet<string>> LikedAmongAsync(string viewerId, IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken) =>
        videoIds.Count == 0
            ? new HashSet<string>()
            : await database.QuerySetAsync(
                "SELECT video_id FROM likes WHERE user_id = $user AND video_id IN (SELECT value FROM json_each($ids))",
                p =>
                {
                    p.AddWithValue("$user", viewerId);
                    p.AddIdList("$ids", videoIds);
                },
                cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlySet<string>> NotInterestedAsync(string viewerId, CancellationToken cancellationToken) =>
        await database.QuerySetAsync(
            "SELECT video_id FROM not_interested WHERE user_id = $user",
            p => p.AddWithValue("$user", viewerId),
            cancellationToken).ConfigureAwait(false);

    public async ValueTask<IReadOnlySet<string>> RecentlyWatchedAsync(string viewerId, int limit, CancellationToken cancellationToken) =>
        await database.QuerySetAsync(
            "SELECT video_id FROM watch_history WHERE user_id = $user ORDER BY watched_at DESC LIMIT $limit",
            p =>
            {
                p.AddWithValue("$user", viewerId);
                p.AddWithValue("$limit", limit);
            },
            cancellationToken).ConfigureAwait(false);

    private static void BindPair(SqliteParameterCollection p, string userId, string videoId, DateTimeOffset at)
    {
        p.AddWithValue("$user", userId);
        p.AddWithValue("$video", videoId);
        p.AddWithValue("$at", at.ToUnixTimeMilliseconds());
    }
}
