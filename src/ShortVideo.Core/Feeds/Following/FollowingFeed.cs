using System.Buffers.Binary;
using System.Text;
using Microsoft.Extensions.Options;
using ShortVideo.Catalog;
using ShortVideo.Paging;
using ShortVideo.Social;

namespace ShortVideo.Feeds.Following;

/// <summary>
/// Reads the Following feed: the viewer's inbox (pushed videos of ordinary creators) merged with the newest videos of
/// the large creators they follow (pulled now), newest first. Only current followees count, so an unfollow or a block
/// takes effect on the next page even before their inbox entries are cleaned up; a video that was deleted, made
/// private or is not ready is never shown. The cursor is the last item's position, signed for this viewer.
/// </summary>
internal sealed class FollowingFeed(
    IFollowingInbox inbox,
    ISocialGraph graph,
    IVideoCatalog catalog,
    FollowingFanOut fanOut,
    ListCursors cursors,
    MediaPrefetch prefetch,
    IOptions<FollowingFeedOptions> options,
    TimeProvider time) : IFollowingFeed
{
    private const string FeedName = "following";

    // A returning user's inbox is rebuilt from this many of their most recent follows; the rest arrive with new videos.
    private const int RebuildFollowees = 200;

    // How often an active reader's "inbox complete" mark is rewritten: activity itself is known to the hour.
    private static readonly TimeSpan CheckedAtResolution = TimeSpan.FromHours(1);

    private readonly FollowingFeedOptions _options = options.Value;

    public async ValueTask<FeedPage> GetPageAsync(string viewerId, string? cursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(viewerId);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, IFollowingFeed.MaxLimit);
        var before = cursor is null ? (InboxEntry?)null : DecodePosition(viewerId, cursor);

        var followees = await graph.ListFolloweeIdsAsync(viewerId, _options.MaxFollowees, cancellationToken).ConfigureAwait(false);
        if (followees.Count == 0)
        {
            return new FeedPage([], null);
        }

        var blocked = await graph.BlockedEitherWayAsync(viewerId, cancellationToken).ConfigureAwait(false);
        var following = new HashSet<string>(followees.Where(f => !blocked.Contains(f)), StringComparer.Ordinal);
        if (before is null)
        {
            await EnsureInboxCompleteAsync(viewerId, followees, cancellationToken).ConfigureAwait(false);
            await inbox.TrimAsync(viewerId, _options.InboxCapacity, cancellationToken).ConfigureAwait(false);
        }

        var wanted = limit + 1;
        var videos = new Dictionary<string, VideoRecord>(StringComparer.Ordinal);
        await ReadInboxAsync(viewerId, following, before, wanted, videos, cancellationToken).ConfigureAwait(false);
        var large = await inbox.LargeCreatorsAmongAsync(following, cancellationToken).ConfigureAwait(false);
        var after = before is { } position ? new VideoListCursor(position.CreatedAt, position.VideoId) : null;
        foreach (var creator in large)
        {
            await foreach (var video in FollowingFanOut.ReadyPublicVideosAsync(catalog, creator, after, wanted, cancellationToken).ConfigureAwait(false))
            {
                videos.TryAdd(video.Id, video);
            }
        }

        var ordered = videos.Values
            .OrderByDescending(v => v.CreatedAt.ToUnixTimeMilliseconds())
            .ThenByDescending(v => v.Id, StringComparer.Ordinal)
            .Take(wanted)
            .ToList();
        var next = ordered.Count > limit ? EncodePosition(viewerId, FollowingFanOut.Entry(ordered[limit - 1])) : null;
        var items = new List<FeedItem>(Math.Min(limit, ordered.Count));
        foreach (var video in ordered.Take(limit))
        {
            var media = await prefetch.ForAsync(video, cancellationToken).ConfigureAwait(false);
            items.Add(new FeedItem(video, Hashtags.Parse(video.Caption), FeedReason.Following, media));
        }

        return new FeedPage(items, next);
    }

    /// <summary>Collects up to <paramref name="wanted"/> showable videos from the inbox, reading past entries that no longer qualify.</summary>
    private async Task ReadInboxAsync(
        string viewerId, HashSet<string> following, InboxEntry? before, int wanted, Dictionary<string, VideoRecord> videos, CancellationToken cancellationToken)
    {
        var position = before;
        var chunk = Math.Max(wanted * 2, 20);

        // Bounded: an inbox full of entries from unfollowed creators is skipped at most this far per request.
        for (var round = 0; round < 8 && videos.Count < wanted; round++)
        {
            var entries = await inbox.ReadAsync(viewerId, position, chunk, cancellationToken).ConfigureAwait(false);
            var followed = entries.Where(e => following.Contains(e.CreatorId)).ToList();
            var records = await catalog.GetManyAsync([.. followed.Select(e => e.VideoId)], cancellationToken).ConfigureAwait(false);
            foreach (var entry in followed)
            {
                if (records.GetValueOrDefault(entry.VideoId) is { Status: VideoStatus.Ready } video
                    && VideoAccess.CanView(video, viewerId) && video.CreatorId == entry.CreatorId)
                {
                    videos.TryAdd(video.Id, video);
                }
            }

            if (entries.Count < chunk)
            {
                return;
            }

            position = entries[^1];
        }
    }

    /// <summary>
    /// Followers inactive for longer than the active window got no pushes meanwhile: when such a viewer (or one never
    /// seen) reads the top of the feed, their inbox is rebuilt from their followees' recent videos first.
    /// </summary>
    private async Task EnsureInboxCompleteAsync(string viewerId, IReadOnlyList<string> followees, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var checkedAt = await inbox.GetCheckedAtAsync(viewerId, cancellationToken).ConfigureAwait(false);
        if (checkedAt is null || checkedAt < now - _options.ActiveWindow + CheckedAtResolution)
        {
            await fanOut.BackfillAsync(viewerId, [.. followees.Take(RebuildFollowees)], cancellationToken).ConfigureAwait(false);
            await inbox.SetCheckedAtAsync(viewerId, now, cancellationToken).ConfigureAwait(false);
        }
        else if (checkedAt < now - CheckedAtResolution)
        {
            await inbox.SetCheckedAtAsync(viewerId, now, cancellationToken).ConfigureAwait(false);
        }
    }

    private string EncodePosition(string viewerId, InboxEntry last)
    {
        var id = Encoding.UTF8.GetBytes(last.VideoId);
        var payload = new byte[sizeof(long) + id.Length];
        BinaryPrimitives.WriteInt64BigEndian(payload, last.CreatedAt.ToUnixTimeMilliseconds());
        id.CopyTo(payload, sizeof(long));
        return cursors.SealPayload(FeedName, viewerId, payload);
    }

    private InboxEntry DecodePosition(string viewerId, string cursor)
    {
        if (!cursors.TryOpenPayload(cursor, FeedName, viewerId, out var payload) || payload.Length <= sizeof(long))
        {
            throw new FeedCursorException();
        }

        var milliseconds = BinaryPrimitives.ReadInt64BigEndian(payload);
        if (milliseconds < 0 || milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds())
        {
            throw new FeedCursorException();
        }

        return new InboxEntry(Encoding.UTF8.GetString(payload, sizeof(long), payload.Length - sizeof(long)), string.Empty, DateTimeOffset.FromUnixTimeMilliseconds(milliseconds));
    }
}
