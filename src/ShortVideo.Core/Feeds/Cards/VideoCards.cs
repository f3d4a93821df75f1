using ShortVideo.Catalog;
using ShortVideo.Interactions;
using ShortVideo.Social;

namespace ShortVideo.Feeds.Cards;

/// <summary>
/// THE hydration of videos for a viewer: one batched read per page of each of the user directory (creators), the
/// social graph (followedByMe, blocks), the counters and the viewer's likes, never a query per item. Creators blocked
/// either way are dropped here, so no list shows them whatever its source. Every part is optional: a node without
/// the social module gets cards with the creator id as handle, zero counts and nothing liked or followed.
/// </summary>
public sealed class VideoCards
{
    private static readonly IReadOnlySet<string> None = new HashSet<string>();

    private readonly IVideoCatalog _catalog;
    private readonly IUserDirectory? _users;
    private readonly ISocialGraph? _graph;
    private readonly ICounterReader? _counters;
    private readonly IViewerSignals? _signals;

    internal VideoCards(IVideoCatalog catalog, IUserDirectory? users, ISocialGraph? graph, ICounterReader? counters, IViewerSignals? signals)
    {
        _catalog = catalog;
        _users = users;
        _graph = graph;
        _counters = counters;
        _signals = signals;
    }

    /// <summary>
    /// Cards of <paramref name="videos"/> for <paramref name="viewerId"/>, in order, without the videos of creators
    /// blocked either way. The caller has already decided the viewer may see each video (<see cref="VideoAccess"/>).
    /// </summary>
    public async ValueTask<IReadOnlyList<VideoCard>> HydrateAsync(string viewerId, IReadOnlyList<VideoRecord> videos, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(viewerId);
        ArgumentNullException.ThrowIfNull(videos);
        if (videos.Count == 0)
        {
            return [];
        }

        var blocked = _graph is null ? None : await _graph.BlockedEitherWayAsync(viewerId, cancellationToken).ConfigureAwait(false);
        var shown = videos.Where(v => !blocked.Contains(v.CreatorId)).ToList();
        if (shown.Count == 0)
        {
            return [];
        }

        var creatorIds = shown.Select(v => v.CreatorId).ToHashSet(StringComparer.Ordinal);
        var videoIds = shown.Select(v => v.Id).ToHashSet(StringComparer.Ordinal);
        var profiles = _users is null
            ? new Dictionary<string, UserProfile>()
            : await _users.GetManyAsync(creatorIds, cancellationToken).ConfigureAwait(false);
        var followed = _graph is null ? None : await _graph.FollowedAmongAsync(viewerId, creatorIds, cancellationToken).ConfigureAwait(false);
        var counts = _counters is null
            ? new Dictionary<string, VideoCounts>()
            : await _counters.GetVideoCountsAsync(videoIds, cancellationToken).ConfigureAwait(false);
        var liked = _signals is null ? None : await _signals.LikedAmongAsync(viewerId, videoIds, cancellationToken).ConfigureAwait(false);
        var avatars = await AvatarsAsync(profiles.Values, shown, cancellationToken).ConfigureAwait(false);

        var cards = new VideoCard[shown.Count];
        for (var i = 0; i < cards.Length; i++)
        {
            var video = shown[i];
            var profile = profiles.GetValueOrDefault(video.CreatorId);
            var creator = new CardCreator(
                video.CreatorId,
                profile?.Handle ?? video.CreatorId,
                profile?.DisplayName ?? profile?.Handle ?? video.CreatorId,
                avatars.GetValueOrDefault(video.CreatorId),
                followed.Contains(video.CreatorId));
            cards[i] = new VideoCard(video, Hashtags.Parse(video.Caption), creator, counts.GetValueOrDefault(video.Id), liked.Contains(video.Id));
        }

        return cards;
    }

    /// <summary>
    /// The avatar video of each creator that has one: a video of the page itself when it is one (no read), else one
    /// catalog read per distinct creator with an avatar (a page has at most a handful). The rule is the profile's
    /// (<see cref="SocialService"/>).
    /// </summary>
    private async ValueTask<Dictionary<string, VideoRecord>> AvatarsAsync(
        IEnumerable<UserProfile> profiles, List<VideoRecord> page, CancellationToken cancellationToken)
    {
        var avatars = new Dictionary<string, VideoRecord>(StringComparer.Ordinal);
        var onPage = page.GroupBy(v => v.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            if (profile.AvatarVideoId is not { } avatarId)
            {
                continue;
            }

            var video = onPage.GetValueOrDefault(avatarId) ?? await _catalog.GetAsync(avatarId, cancellationToken).ConfigureAwait(false);
            if (video is not null && SocialService.IsAvatar(video, profile.Id))
            {
                avatars[profile.Id] = video;
            }
        }

        return avatars;
    }
}
