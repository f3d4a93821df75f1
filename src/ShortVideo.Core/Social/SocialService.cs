using ShortVideo.Catalog;
using System.Collections.Concurrent;
using ShortVideo.Interactions;
using ShortVideo.Search;

namespace ShortVideo.Social;

/// <summary>
/// Follows, blocks and profiles. The block rule users expect (Instagram, TikTok): whoever is blocked finds the blocker
/// gone (profile, videos, follow: 404, "user not found"), while the blocker still sees the blocked profile, marked,
/// so they can unblock it, but may not follow it until they do.
/// </summary>
public sealed class SocialService
{
    // A user with this many hidden videos in a row still gets a page; the scan stops here and the cursor continues.
    private const int MaxScannedPages = 50;

    private readonly IUserDirectory _users;
    private readonly ISocialGraph _graph;
    private readonly IVideoCatalog _catalog;
    private readonly BatchedCounters _counters;
    private readonly InteractionObservers _observers;
    private readonly TimeProvider _time;

    // Users indexed for search by this process; past this many it starts over (a re-index is idempotent, just work).
    private const int IndexedUsersCap = 100_000;

    private readonly IUserSearchIndex[] _userIndexes;
    private readonly ConcurrentDictionary<string, byte> _indexedUsers = new(StringComparer.Ordinal);

    internal SocialService(
        IUserDirectory users,
        ISocialGraph graph,
        IVideoCatalog catalog,
        BatchedCounters counters,
        InteractionObservers observers,
        TimeProvider time,
        IEnumerable<IUserSearchIndex>? userIndexes = null)
    {
        _userIndexes = [.. userIndexes ?? []];
        _users = users;
        _graph = graph;
        _catalog = catalog;
        _counters = counters;
        _observers = observers;
        _time = time;
    }

    /// <summary>
    /// An authenticated request of <paramref name="userId"/>: they become a user on their first one (handle derived from
    /// their id), are recorded as active (written at most once an hour), and can be found by search from then on.
    /// </summary>
    public async ValueTask RecordActiveAsync(string userId, CancellationToken cancellationToken)
    {
        var profile = await _users.EnsureAsync(userId, cancellationToken).ConfigureAwait(false);
        if (_userIndexes.Length > 0 && !_indexedUsers.ContainsKey(userId))
        {
            await IndexAsync(profile, cancellationToken).ConfigureAwait(false);
        }
    }

    private async ValueTask IndexAsync(UserProfile profile, CancellationToken cancellationToken)
    {
        foreach (var index in _userIndexes)
        {
            await index.UpsertAsync(profile.Id, profile.Handle, profile.DisplayName, cancellationToken).ConfigureAwait(false);
        }

        if (_indexedUsers.Count >= IndexedUsersCap)
        {
            _indexedUsers.Clear();
        }

        _indexedUsers[profile.Id] = 0;
    }

    /// <summary><paramref name="viewerId"/> follows (or unfollows) <paramref name="userId"/>; idempotent.</summary>
    public async ValueTask<FollowResult> SetFollowingAsync(string viewerId, string userId, bool follow, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewerId);
        ArgumentNullException.ThrowIfNull(userId);
        if (string.Equals(viewerId, userId, StringComparison.Ordinal))
        {
            return new FollowResult(FollowStatus.Self);
        }

        var blocks = await _graph.GetBlockStateAsync(viewerId, userId, cancellationToken).ConfigureAwait(false);
        if (blocks.BlockedViewer || !await ExistsAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            return new FollowResult(FollowStatus.NotFound);
        }

        if (blocks.ViewerBlocked && follow)
        {
            return new FollowResult(FollowStatus.ViewerBlocked);
        }

        var at = _time.GetUtcNow();
        if (await ApplyFollowAsync(viewerId, userId, follow, at, cancellationToken).ConfigureAwait(false))
        {
            await _observers.NotifyAsync(
                [new UserInteraction(viewerId, follow ? InteractionType.Follow : InteractionType.Unfollow, null, userId, at)],
                cancellationToken).ConfigureAwait(false);
        }

        var following = (await _graph.FollowedAmongAsync(viewerId, [userId], cancellationToken).ConfigureAwait(false)).Contains(userId);
        var counts = await _counters.GetUserCountsAsync(userId, cancellationToken).ConfigureAwait(false);
        return new FollowResult(FollowStatus.Done, following, counts.Followers);
    }

    /// <summary><paramref name="viewerId"/> blocks (or unblocks) <paramref name="userId"/>; idempotent. A block ends the follows between them.</summary>
    public async ValueTask<BlockStatus> SetBlockedAsync(string viewerId, string userId, bool block, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewerId);
        ArgumentNullException.ThrowIfNull(userId);
        if (string.Equals(viewerId, userId, StringComparison.Ordinal))
        {
            return BlockStatus.Self;
        }

        var blocks = await _graph.GetBlockStateAsync(viewerId, userId, cancellationToken).ConfigureAwait(false);
        if ((blocks.BlockedViewer && !blocks.ViewerBlocked) || !await ExistsAsync(userId, cancellationToken).ConfigureAwait(false))
        {
            return BlockStatus.NotFound;
        }

        if (!block)
        {
            await _graph.UnblockAsync(viewerId, userId, cancellationToken).ConfigureAwait(false);
            return BlockStatus.Done;
        }

        var at = _time.GetUtcNow();
        var change = await _graph.BlockAsync(viewerId, userId, at, cancellationToken).ConfigureAwait(false);
        var ended = new List<UserInteraction>(2);
        if (change.RemovedFollow)
        {
            CountFollow(viewerId, userId, -1);
            ended.Add(new UserInteraction(viewerId, InteractionType.Unfollow, null, userId, at));
        }

        if (change.RemovedFollower)
        {
            CountFollow(userId, viewerId, -1);
            ended.Add(new UserInteraction(userId, InteractionType.Unfollow, null, viewerId, at));
        }

        await _observers.NotifyAsync(ended, cancellationToken).ConfigureAwait(false);
        return BlockStatus.Done;
    }

    /// <summary>The profile of <paramref name="userId"/> as <paramref name="viewerId"/> sees it; null when the user does not exist for them.</summary>
    public async ValueTask<ProfileView?> GetProfileAsync(string viewerId, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewerId);
        ArgumentNullException.ThrowIfNull(userId);
        var self = string.Equals(viewerId, userId, StringComparison.Ordinal);
        var blocks = self ? default : await _graph.GetBlockStateAsync(viewerId, userId, cancellationToken).ConfigureAwait(false);
        if (blocks.BlockedViewer)
        {
            return null;
        }

        var profile = await _users.GetAsync(userId, cancellationToken).ConfigureAwait(false);
        return profile is null ? null : await ViewAsync(viewerId, profile, blocks, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Changes the viewer's own profile: each given field is checked, and nothing is saved unless all pass.</summary>
    public async ValueTask<ProfileUpdateResult> UpdateProfileAsync(string viewerId, ProfileUpdate update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewerId);
        ArgumentNullException.ThrowIfNull(update);
        // Read from the store, not EnsureAsync's cache: another node may have changed the profile since.
        await _users.EnsureAsync(viewerId, cancellationToken).ConfigureAwait(false);
        var profile = await _users.GetAsync(viewerId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"User '{viewerId}' was created but cannot be read back.");
        var error = (update.Handle is { } handle ? ProfileRules.CheckHandle(handle) : null)
            ?? (update.DisplayName is { } name ? ProfileRules.CheckDisplayName(name) : null)
            ?? (update.Bio is { } bio ? ProfileRules.CheckBio(bio) : null);
        if (error is not null)
        {
            return new ProfileUpdateResult(ProfileUpdateStatus.Invalid, error, null);
        }

        var avatar = profile.AvatarVideoId;
        if (update.AvatarVideoId is { Length: > 0 } avatarId)
        {
            var video = await _catalog.GetAsync(avatarId, cancellationToken).ConfigureAwait(false);
            if (video is null || !IsAvatar(video, viewerId))
            {
                // One sentence for unknown, someone else's, private or unready: it confirms nothing about other videos.
                return new ProfileUpdateResult(ProfileUpdateStatus.Invalid, "avatarVideoId must be one of your own ready, public videos.", null);
            }

            avatar = video.Id;
        }
        else if (update.AvatarVideoId is not null)
        {
            avatar = null;
        }

        var changed = profile with
        {
            Handle = update.Handle ?? profile.Handle,
            DisplayName = update.DisplayName?.Trim() ?? profile.DisplayName,
            Bio = update.Bio?.Replace("\r\n", "\n", StringComparison.Ordinal) ?? profile.Bio,
            AvatarVideoId = avatar,
        };
        if (!await _users.TryUpdateAsync(changed, cancellationToken).ConfigureAwait(false))
        {
            return new ProfileUpdateResult(ProfileUpdateStatus.HandleTaken, $"The handle '{changed.Handle}' is taken; choose another.", null);
        }

        await IndexAsync(changed, cancellationToken).ConfigureAwait(false);

        return new ProfileUpdateResult(ProfileUpdateStatus.Updated, null, await ViewAsync(viewerId, changed, default, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// The videos of <paramref name="userId"/> newest first: all of them for their owner, the ready public ones for
    /// everyone else (a private video leaves no trace, not even a short page). Null when the user does not exist for the
    /// viewer or a block stands between them, either way (<see cref="VisibleVideos"/>).
    /// </summary>
    public async ValueTask<VideoPage?> ListVideosAsync(VideoViewer viewer, string userId, VideoListCursor? after, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var viewerId = viewer.UserId ?? throw new ArgumentException("Needs a signed-in user.", nameof(viewer));
        // Blocks hide videos both ways: the blocker still finds the profile (to unblock it), never the videos.
        if (await GetProfileAsync(viewerId, userId, cancellationToken).ConfigureAwait(false) is not { BlockedByMe: false })
        {
            return null;
        }

        var owner = string.Equals(viewerId, userId, StringComparison.Ordinal);
        var size = VideoPage.Cap(limit);
        var items = new List<VideoRecord>(size + 1);
        var cursor = after;
        for (var scanned = 0; scanned < MaxScannedPages && items.Count <= size; scanned++)
        {
            var page = await _catalog.ListByCreatorAsync(userId, cursor, size, cancellationToken).ConfigureAwait(false);
            foreach (var video in page.Items)
            {
                if (owner || (video.Status == VideoStatus.Ready && VideoAccess.CanView(video, viewer)))
                {
                    items.Add(video);
                }

                cursor = VideoListCursor.After(video);
                if (items.Count > size)
                {
                    break;
                }
            }

            if (page.Next is null && items.Count <= size)
            {
                return new VideoPage { Items = items };
            }
        }

        if (items.Count > size)
        {
            items.RemoveAt(size);
            return new VideoPage { Items = items, Next = VideoListCursor.After(items[^1]) };
        }

        return new VideoPage { Items = items, Next = cursor };
    }

    /// <summary>Whether the user exists at all (blocks aside).</summary>
    internal async ValueTask<bool> ExistsAsync(string userId, CancellationToken cancellationToken) =>
        await _users.GetAsync(userId, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Follows or unfollows and counts it; false when nothing changed (already so, or a block forbids it).</summary>
    internal async ValueTask<bool> ApplyFollowAsync(string followerId, string followeeId, bool follow, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var changed = follow
            ? await _graph.FollowAsync(followerId, followeeId, at, cancellationToken).ConfigureAwait(false) == FollowChange.Added
            : await _graph.UnfollowAsync(followerId, followeeId, cancellationToken).ConfigureAwait(false);
        if (changed)
        {
            CountFollow(followerId, followeeId, follow ? 1 : -1);
        }

        return changed;
    }

    private void CountFollow(string followerId, string followeeId, int delta)
    {
        _counters.AddUser(followeeId, new UserCounts(delta, 0, 0));
        _counters.AddUser(followerId, new UserCounts(0, delta, 0));
    }

    private async ValueTask<ProfileView> ViewAsync(string viewerId, UserProfile profile, BlockState blocks, CancellationToken cancellationToken)
    {
        var self = string.Equals(viewerId, profile.Id, StringComparison.Ordinal);
        var counts = await _counters.GetUserCountsAsync(profile.Id, cancellationToken).ConfigureAwait(false);
        // The avatar is a poster of one of their videos: hidden, like the videos, from whoever blocked them.
        var avatar = profile.AvatarVideoId is { } avatarId && !blocks.ViewerBlocked
            ? await _catalog.GetAsync(avatarId, cancellationToken).ConfigureAwait(false)
            : null;
        return new ProfileView
        {
            Profile = profile,
            Counts = counts,
            Avatar = avatar is not null && IsAvatar(avatar, profile.Id) ? avatar : null,
            FollowedByMe = !self && (await _graph.FollowedAmongAsync(viewerId, [profile.Id], cancellationToken).ConfigureAwait(false)).Contains(profile.Id),
            FollowsMe = !self && (await _graph.FollowedAmongAsync(profile.Id, [viewerId], cancellationToken).ConfigureAwait(false)).Contains(viewerId),
            BlockedByMe = blocks.ViewerBlocked,
        };
    }

    /// <summary>A video may be <paramref name="userId"/>'s avatar while it is theirs, ready, public and has a poster.</summary>
    internal static bool IsAvatar(VideoRecord video, string userId) =>
        string.Equals(video.CreatorId, userId, StringComparison.Ordinal)
        && video.Status == VideoStatus.Ready
        && video.Visibility == VideoVisibility.Public
        && video.Thumbnails.Count > 0;
}
