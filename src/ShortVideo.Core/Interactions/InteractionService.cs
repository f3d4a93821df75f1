using ShortVideo.Catalog;
using ShortVideo.Social;

namespace ShortVideo.Interactions;

/// <summary>
/// Likes, "not interested" and the posted event batches: stores them, moves the counters, and tells the
/// <see cref="IInteractionObserver"/>s about what changed. A like by endpoint and a like by event are the same act.
/// </summary>
public sealed class InteractionService
{
    private readonly IVideoCatalog _catalog;
    private readonly IInteractionStore _store;
    private readonly ISocialGraph _graph;
    private readonly BatchedCounters _counters;
    private readonly InteractionObservers _observers;
    private readonly VisibleVideos _access;
    private readonly SocialService _social;
    private readonly TimeProvider _time;

    internal InteractionService(
        IVideoCatalog catalog,
        VisibleVideos videos,
        IInteractionStore store,
        ISocialGraph graph,
        BatchedCounters counters,
        InteractionObservers observers,
        SocialService social,
        TimeProvider time)
    {
        _catalog = catalog;
        _store = store;
        _graph = graph;
        _counters = counters;
        _observers = observers;
        _access = videos;
        _social = social;
        _time = time;
    }

    /// <summary>
    /// <paramref name="viewer"/> likes (or un-likes) the video; idempotent. Null when the video does not exist for them
    /// (unknown, private to someone else, or a block between them and its creator).
    /// </summary>
    public async ValueTask<LikeState?> SetLikedAsync(VideoViewer viewer, string videoId, bool liked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var userId = viewer.UserId ?? throw new ArgumentException("Liking needs a signed-in user.", nameof(viewer));
        var video = await _access.FindAsync(videoId, viewer, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            return null;
        }

        var at = _time.GetUtcNow();
        if (await ApplyLikeAsync(userId, video, liked, at, cancellationToken).ConfigureAwait(false))
        {
            await _observers.NotifyAsync(
                [new UserInteraction(userId, liked ? InteractionType.Like : InteractionType.Unlike, video.Id, null, at)],
                cancellationToken).ConfigureAwait(false);
        }

        var counts = await _counters.GetVideoCountsAsync([video.Id], cancellationToken).ConfigureAwait(false);
        return new LikeState(liked, counts[video.Id].Likes);
    }

    /// <summary>Marks the video "not interested" for <paramref name="viewer"/>; false when it does not exist for them.</summary>
    public async ValueTask<bool> MarkNotInterestedAsync(VideoViewer viewer, string videoId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var userId = viewer.UserId ?? throw new ArgumentException("Needs a signed-in user.", nameof(viewer));
        var video = await _access.FindAsync(videoId, viewer, cancellationToken).ConfigureAwait(false);
        if (video is null)
        {
            return false;
        }

        var at = _time.GetUtcNow();
        if (await _store.MarkNotInterestedAsync(userId, video.Id, at, cancellationToken).ConfigureAwait(false))
        {
            await _observers.NotifyAsync([new UserInteraction(userId, InteractionType.NotInterested, video.Id, null, at)], cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>
    /// Stores a batch that <see cref="ClientEvents.TryParse"/> accepted. Events about videos or users that do not exist
    /// for <paramref name="userId"/> are ignored, exactly like unknown ids (the answer never says which); a repeated
    /// client event id counts once. The observers hear every new event that had an effect.
    /// </summary>
    public async ValueTask<EventBatchResult> RecordAsync(string userId, IReadOnlyList<ClientInteraction> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userId);
        ArgumentNullException.ThrowIfNull(events);
        var blocked = await _graph.BlockedEitherWayAsync(userId, cancellationToken).ConfigureAwait(false);
        // One read for the batch's videos (a page's worth of views), not one per event.
        var named = events.Select(e => e.Interaction.VideoId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var records = await _catalog.GetManyAsync(named, cancellationToken).ConfigureAwait(false);
        var videos = new Dictionary<string, VideoRecord?>(StringComparer.Ordinal);
        foreach (var id in named)
        {
            var video = records.GetValueOrDefault(id);
            videos[id] = video is not null && VisibleVideos.CanView(video, new VideoViewer(userId), blocked) ? video : null;
        }

        var kept = new List<ClientInteraction>(events.Count);
        foreach (var e in events)
        {
            if (await ResolveAsync(userId, e, blocked, videos, cancellationToken).ConfigureAwait(false) is { } resolved)
            {
                kept.Add(resolved);
            }
        }

        var fresh = kept.Count == 0 ? [] : await _store.RecordAsync(userId, kept, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var heard = new List<UserInteraction>(kept.Count);
        var duplicates = 0;
        for (var i = 0; i < kept.Count; i++)
        {
            if (fresh[i] == EventOutcome.Repeat)
            {
                duplicates++;
            }
            else if (await ApplyAsync(kept[i].Interaction, fresh[i] == EventOutcome.Counted, videos, cancellationToken).ConfigureAwait(false))
            {
                heard.Add(kept[i].Interaction);
            }
        }

        await _observers.NotifyAsync(heard, cancellationToken).ConfigureAwait(false);
        return new EventBatchResult(kept.Count - duplicates, duplicates, events.Count - kept.Count);
    }

    /// <summary>The event with its target settled (a follow by video names the creator), or null when it is to be ignored.</summary>
    private async ValueTask<ClientInteraction?> ResolveAsync(
        string userId, ClientInteraction e, IReadOnlySet<string> blocked, Dictionary<string, VideoRecord?> videos, CancellationToken cancellationToken)
    {
        var interaction = e.Interaction;
        if (interaction.Kind is InteractionType.Follow or InteractionType.Unfollow && interaction.TargetUserId is { } target)
        {
            return string.Equals(target, userId, StringComparison.Ordinal) || blocked.Contains(target) || !await _social.ExistsAsync(target, cancellationToken).ConfigureAwait(false)
                ? null
                : e;
        }

        var video = videos.GetValueOrDefault(interaction.VideoId!);
        if (video is null)
        {
            return null;
        }

        if (interaction.Kind is InteractionType.Follow or InteractionType.Unfollow)
        {
            return string.Equals(video.CreatorId, userId, StringComparison.Ordinal) ? null : e with { Interaction = interaction with { TargetUserId = video.CreatorId } };
        }

        return e;
    }

    /// <summary>Carries out a new event; false when it changed nothing (a like of a liked video, a follow of a missing user).</summary>
    private async ValueTask<bool> ApplyAsync(UserInteraction e, bool counted, Dictionary<string, VideoRecord?> videos, CancellationToken cancellationToken)
    {
        var video = e.VideoId is { } id && videos.TryGetValue(id, out var known) ? known : null;
        switch (e.Kind)
        {
            case InteractionType.Like or InteractionType.Unlike:
                return await ApplyLikeAsync(e.UserId, video!, e.Kind == InteractionType.Like, e.At, cancellationToken).ConfigureAwait(false);
            case InteractionType.Follow or InteractionType.Unfollow:
                return await _social.ApplyFollowAsync(e.UserId, e.TargetUserId!, e.Kind == InteractionType.Follow, e.At, cancellationToken).ConfigureAwait(false);
            case InteractionType.NotInterested:
                return await _store.MarkNotInterestedAsync(e.UserId, video!.Id, e.At, cancellationToken).ConfigureAwait(false);
            case InteractionType.View or InteractionType.Share:
                if (counted)
                {
                    _counters.AddVideo(video!.Id, e.Kind == InteractionType.View ? new VideoCounts(1, 0, 0, 0) : new VideoCounts(0, 0, 0, 1));
                }

                return true;
            default:
                return true;
        }
    }

    private async ValueTask<bool> ApplyLikeAsync(string userId, VideoRecord video, bool liked, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (!await _store.SetLikedAsync(userId, video.Id, liked, at, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var delta = liked ? 1 : -1;
        _counters.AddVideo(video.Id, new VideoCounts(0, delta, 0, 0));
        _counters.AddUser(video.CreatorId, new UserCounts(0, 0, delta));
        return true;
    }
}

/// <summary>A video's like as its viewer now sees it.</summary>
/// <param name="Liked">Whether the viewer likes it.</param>
/// <param name="LikeCount">Its likes, the viewer's included.</param>
public readonly record struct LikeState(bool Liked, long LikeCount);

/// <summary>What became of a posted batch.</summary>
/// <param name="Accepted">New events, stored.</param>
/// <param name="Duplicates">Events whose client event id was seen before (counted once, ignored now).</param>
/// <param name="Ignored">Events about videos or users that do not exist for the user (unknown ids alike).</param>
public readonly record struct EventBatchResult(int Accepted, int Duplicates, int Ignored);
