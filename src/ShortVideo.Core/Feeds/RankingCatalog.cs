using System.Collections.Concurrent;
using ShortVideo.Catalog;
using ShortVideo.Interactions;
using ShortVideo.Ranking.Engine;
using ShortVideo.Ranking.Learning;

namespace ShortVideo.Feeds;

/// <summary>
/// Keeps the ranking engine's candidates equal to the catalog's ready public videos (a video made ready and public
/// joins, one deleted or made private leaves at once) and trains it online from accepted interactions. Holds the map
/// back from the engine's long ids to the videos it added. <see cref="IsReady"/> turns true once the saved model and
/// the catalog are loaded (<see cref="RankingModelKeeper"/>); until then the feed serves the latest videos.
/// </summary>
internal sealed class RankingCatalog(IRankingEngine engine, CandidateCache candidates) : IVideoLifecycleListener, IInteractionObserver
{
    private readonly ConcurrentDictionary<long, CandidateVideo> _videos = new();
    private volatile bool _ready;

    public IRankingEngine Engine => engine;

    public bool IsReady => _ready;

    public int Count => _videos.Count;

    public void MarkReady() => _ready = true;

    public bool TryGet(long videoId, out CandidateVideo video) => _videos.TryGetValue(videoId, out video!);

    /// <summary>Whether a record belongs among the candidates: ready and shown to anyone.</summary>
    public static bool IsCandidate(VideoRecord video) => video.Status == VideoStatus.Ready && video.Visibility == VideoVisibility.Public;

    /// <summary>Adds ready public videos (start-up load, one publication for the batch); others are ignored.</summary>
    public void AddRange(IReadOnlyList<VideoRecord> videos)
    {
        var descriptors = new List<VideoDescriptor>(videos.Count);
        foreach (var video in videos)
        {
            if (IsCandidate(video))
            {
                descriptors.Add(Describe(video));
            }
        }

        engine.AddVideos(descriptors);
    }

    public ValueTask VideoReadyAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        if (IsCandidate(video))
        {
            engine.AddVideo(Describe(video));
        }
        else
        {
            Forget(video.Id);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask VideoDeletedAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(video);
        Forget(video.Id);
        return ValueTask.CompletedTask;
    }

    /// <summary>Takes a video out of the engine and the map (deleted, private, or found so by the feed).</summary>
    public void Forget(string videoId)
    {
        var id = RankingIds.Of(videoId);
        if (_videos.TryGetValue(id, out var known) && string.Equals(known.VideoId, videoId, StringComparison.Ordinal))
        {
            engine.RemoveVideo(id);
            _videos.TryRemove(id, out _);
        }
    }

    public ValueTask ObserveAsync(IReadOnlyList<UserInteraction> interactions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(interactions);
        var events = new List<InteractionEvent>(interactions.Count);
        var users = new HashSet<string>(StringComparer.Ordinal);
        foreach (var interaction in interactions)
        {
            users.Add(interaction.UserId);
            if (ToEvent(interaction) is { } e)
            {
                events.Add(e);
            }
        }

        // The user's cached candidates are stale now, and again once the learner has taken the events in: a page
        // retrieved in between would be cached with the old vector.
        candidates.Invalidate(users);
        if (events.Count > 0 && engine.TryPost(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(events)))
        {
            _ = InvalidateWhenLearnedAsync(users);
        }

        return ValueTask.CompletedTask;
    }

    private async Task InvalidateWhenLearnedAsync(HashSet<string> users)
    {
        try
        {
            await engine.FlushAsync().ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            return; // shutting down
        }

        candidates.Invalidate(users);
    }

    /// <summary>
    /// The learner's event for an interaction, or null when it teaches nothing: an impression is only a chance to
    /// act; withdrawing a like is not a dislike; unfollowing and following without a video name no video.
    /// </summary>
    internal static InteractionEvent? ToEvent(UserInteraction interaction)
    {
        if (interaction.VideoId is null)
        {
            return null;
        }

        var kind = interaction.Kind switch
        {
            InteractionType.View => InteractionKind.View,
            InteractionType.Complete => InteractionKind.Complete,
            InteractionType.Like => InteractionKind.Like,
            InteractionType.Share => InteractionKind.Share,
            InteractionType.Skip => InteractionKind.Skip,
            InteractionType.Follow => InteractionKind.Follow,
            InteractionType.NotInterested => InteractionKind.NotInterested,
            _ => (InteractionKind?)null,
        };
        if (kind is null)
        {
            return null;
        }

        var ratio = 0f;
        if (kind == InteractionKind.View)
        {
            if (interaction.DurationMs <= 0 || interaction.WatchMs < 0)
            {
                return null;
            }

            ratio = (float)Math.Min((double)interaction.WatchMs / interaction.DurationMs, InteractionEvent.MaxWatchRatio);
        }

        return new InteractionEvent(RankingIds.Of(interaction.UserId), RankingIds.Of(interaction.VideoId), kind.Value, ratio);
    }

    private VideoDescriptor Describe(VideoRecord video)
    {
        var id = RankingIds.Of(video.Id);
        var hashtags = Hashtags.Parse(video.Caption);
        _videos[id] = new CandidateVideo(video.Id, video.CreatorId, hashtags);
        return new VideoDescriptor(id, RankingIds.Of(video.CreatorId), hashtags, video.CreatedAt);
    }
}
