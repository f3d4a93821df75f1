using ShortVideo.Interactions;

namespace ShortVideo.Storage.Postgres;

/// <summary>
/// Likes, "not interested" marks, watch history and the de-duplicating event log in PostgreSQL, as
/// <c>SqliteInteractionStore</c>; the viewer's signals read them. Event batches are written in
/// PostgresInteractionStore.Events.cs.
/// </summary>
internal sealed partial class PostgresInteractionStore(PostgresDatabase database) : IInteractionStore, IViewerSignals
{
    public async ValueTask<bool> SetLikedAsync(string userId, string videoId, bool liked, DateTimeOffset at, CancellationToken cancellationToken) =>
        await (liked
            ? database.ExecuteAsync(
                "INSERT INTO likes (user_id, video_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", cancellationToken, userId, videoId, at.ToUnixTimeMilliseconds())
            : database.ExecuteAsync("DELETE FROM likes WHERE user_id = $1 AND video_id = $2", cancellationToken, userId, videoId)).ConfigureAwait(false) == 1;

    public async ValueTask<bool> MarkNotInterestedAsync(string userId, string videoId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "INSERT INTO not_interested (user_id, video_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            cancellationToken,
            userId,
            videoId,
            at.ToUnixTimeMilliseconds()).ConfigureAwait(false) == 1;

    public async ValueTask<long> ForgetVideoAsync(string videoId, CancellationToken cancellationToken)
    {
        var rows = await database.BatchAsync(
            [
                "DELETE FROM likes WHERE video_id = $1",
                "DELETE FROM not_interested WHERE video_id = $1",
                "DELETE FROM watch_history WHERE video_id = $1",
                "DELETE FROM shares WHERE video_id = $1",
            ],
            [videoId],
            cancellationToken).ConfigureAwait(false);
        return rows[0];
    }

    public async ValueTask PruneEventsAsync(DateTimeOffset before, CancellationToken cancellationToken) =>
        await database.ExecuteAsync("DELETE FROM interaction_events WHERE received_at < $1", cancellationToken, before.ToUnixTimeMilliseconds()).ConfigureAwait(false);

    public async ValueTask<IReadOnlySet<string>> LikedAmongAsync(string viewerId, IReadOnlyCollection<string> videoIds, CancellationToken cancellationToken) =>
        videoIds.Count == 0
            ? new HashSet<string>()
            : await database.QuerySetAsync("SELECT video_id FROM likes WHERE user_id = $1 AND video_id = ANY($2)", cancellationToken, viewerId, videoIds.ToArray()).ConfigureAwait(false);

    public async ValueTask<IReadOnlySet<string>> NotInterestedAsync(string viewerId, CancellationToken cancellationToken) =>
        await database.QuerySetAsync("SELECT video_id FROM not_interested WHERE user_id = $1", cancellationToken, viewerId).ConfigureAwait(false);

    public async ValueTask<IReadOnlySet<string>> RecentlyWatchedAsync(string viewerId, int limit, CancellationToken cancellationToken) =>
        await database.QuerySetAsync(
            "SELECT video_id FROM watch_history WHERE user_id = $1 ORDER BY watched_at DESC LIMIT $2", cancellationToken, viewerId, limit).ConfigureAwait(false);
}
