using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ShortVideo.Catalog;
using ShortVideo.Interactions;
using ShortVideo.Social;

namespace ShortVideo.Feeds.Following;

/// <summary>
/// The push side of the Following feed. A video that becomes ready and public goes into the inboxes of its creator's
/// active followers, unless the creator has <see cref="FollowingFeedOptions.FanOutThreshold"/> followers or more: then
/// the creator is marked large (for good, so their videos are never half pushed, half pulled) and followers pull at
/// read time. A follow copies the creator's recent videos into the new follower's inbox; an unfollow removes them;
/// a deletion removes the video everywhere.
/// </summary>
internal sealed partial class FollowingFanOut(
    IFollowingInbox inbox,
    ISocialGraph graph,
    ICounterReader counters,
    IVideoCatalog catalog,
    IOptions<FollowingFeedOptions> options,
    TimeProvider time,
    ILogger<FollowingFanOut> logger) : IVideoLifecycleListener, IInteractionObserver
{
    private readonly FollowingFeedOptions _options = options.Value;

    public async ValueTask VideoReadyAsync(VideoRecord video, CancellationToken cancellationToken)
    {
        // Reported again when its owner changes the visibility: made private, it leaves every inbox.
        if (video.Visibility != VideoVisibility.Public)
        {
            await inbox.RemoveVideoAsync(video.Id, cancellationToken).ConfigureAwait(false);
            return;
        }

        var followers = (await counters.GetUserCountsAsync(video.CreatorId, cancellationToken).ConfigureAwait(false)).Followers;
        if (followers >= _options.FanOutThreshold)
        {
            await inbox.MarkLargeCreatorAsync(video.CreatorId, cancellationToken).ConfigureAwait(false);
            return;
        }

        var large = await inbox.LargeCreatorsAmongAsync([video.CreatorId], cancellationToken).ConfigureAwait(false);
        if (large.Count > 0)
        {
            return;
        }

        var since = time.GetUtcNow() - _options.ActiveWindow;
        var targets = await graph.ListActiveFollowerIdsAsync(video.CreatorId, since, _options.FanOutThreshold, cancellationToken).ConfigureAwait(false);
        if (targets.Count > 0)
        {
            await inbox.AddAsync(targets, [Entry(video)], _options.InboxCapacity, cancellationToken).ConfigureAwait(false);
            LogPushed(video.Id, targets.Count);
        }
    }

    public async ValueTask VideoDeletedAsync(VideoRecord video, CancellationToken cancellationToken) =>
        await inbox.RemoveVideoAsync(video.Id, cancellationToken).ConfigureAwait(false);

    public async ValueTask ObserveAsync(IReadOnlyList<UserInteraction> interactions, CancellationToken cancellationToken)
    {
        foreach (var interaction in interactions)
        {
            if (interaction.Kind is not (InteractionType.Follow or InteractionType.Unfollow)
                || await FolloweeOfAsync(interaction, cancellationToken).ConfigureAwait(false) is not { } followee
                || followee == interaction.UserId)
            {
                continue;
            }

            if (interaction.Kind == InteractionType.Unfollow)
            {
                await inbox.RemoveCreatorAsync(interaction.UserId, followee, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await BackfillAsync(interaction.UserId, [followee], cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Copies the recent public videos of <paramref name="creators"/> (those not pulled at read time) into <paramref name="userId"/>'s inbox.</summary>
    public async Task BackfillAsync(string userId, IReadOnlyCollection<string> creators, CancellationToken cancellationToken)
    {
        if (_options.BackfillPerCreator == 0 || creators.Count == 0)
        {
            return;
        }

        var large = await inbox.LargeCreatorsAmongAsync(creators, cancellationToken).ConfigureAwait(false);
        var entries = new List<InboxEntry>();
        foreach (var creator in creators)
        {
            if (large.Contains(creator))
            {
                continue;
            }

            await foreach (var video in ReadyPublicVideosAsync(catalog, creator, after: null, _options.BackfillPerCreator, cancellationToken).ConfigureAwait(false))
            {
                entries.Add(Entry(video));
            }
        }

        if (entries.Count > 0)
        {
            await inbox.AddAsync([userId], entries, _options.InboxCapacity, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The creator's ready public videos, newest first, after <paramref name="after"/>: their own list holds every status
    /// and visibility, so it is read page by page until <paramref name="count"/> visible ones are found or it ends.
    /// </summary>
    internal static async IAsyncEnumerable<VideoRecord> ReadyPublicVideosAsync(
        IVideoCatalog catalog,
        string creatorId,
        VideoListCursor? after,
        int count,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var found = 0;
        var position = after;
        while (found < count)
        {
            // Ask for what is still missing, not a full page: a backfill wants a few videos of each of many creators,
            // and reading 100 rows to keep 20 made inbox rebuilds the largest cost of a returning user's first page.
            var page = await catalog.ListByCreatorAsync(creatorId, position, Math.Clamp(count - found, 1, VideoPage.MaxLimit), cancellationToken).ConfigureAwait(false);
            foreach (var video in page.Items)
            {
                if (video.Status == VideoStatus.Ready && video.Visibility == VideoVisibility.Public)
                {
                    yield return video;
                    if (++found == count)
                    {
                        yield break;
                    }
                }
            }

            if (page.Next is null)
            {
                yield break;
            }

            position = page.Next;
        }
    }

    internal static InboxEntry Entry(VideoRecord video) => new(video.Id, video.CreatorId, video.CreatedAt);

    private async ValueTask<string?> FolloweeOfAsync(UserInteraction interaction, CancellationToken cancellationToken)
    {
        if (interaction.TargetUserId is { Length: > 0 } target)
        {
            return target;
        }

        return interaction.VideoId is { Length: > 0 } videoId
            ? (await catalog.GetAsync(videoId, cancellationToken).ConfigureAwait(false))?.CreatorId
            : null;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Video {VideoId} pushed to {Followers} Following inboxes")]
    private partial void LogPushed(string videoId, int followers);
}
